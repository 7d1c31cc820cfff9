// Package model is kiemtra's domain: checklists and their items, the units
// and inspections a team works on, the findings an inspector records, and the
// pure rules that turn findings into scores, classifications, rankings and
// merge decisions.
//
// It imports only the standard library, so every rule here can be tested
// without a database or a terminal, and every other package depends on it,
// never the other way round.
package model
