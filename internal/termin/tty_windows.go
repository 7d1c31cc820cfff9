package termin

// ttyName is the console to open when standard input is not one, as
// Bubble Tea opens it.
const ttyName = "CONIN$"
