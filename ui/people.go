package ui

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

// People are typed one a line, their parts separated by semicolons, as
// they are listed in a biên bản: the unit's participants as "Ông; Đỗ Quang
// Huy; Phó Giám đốc; Sở Tư pháp" (the form of address may be left out),
// the team's members as "Trần Văn Minh; Phó Giám đốc; Sở Nội vụ; Trưởng
// đoàn".

// peopleSep separates the parts of a line.
const peopleSep = "; "

// lineParts splits a line at semicolons, each part cleaned.
func lineParts(l string) []string {
	parts := strings.Split(l, ";")
	for i, p := range parts {
		parts[i] = norm.NFC.String(strings.Join(strings.Fields(p), " "))
	}
	return parts
}

// nonBlankLines are the lines of s that hold something, with their
// 1-based numbers.
func nonBlankLines(s string) (lines []string, nums []int) {
	for i, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
			nums = append(nums, i+1)
		}
	}
	return lines, nums
}

// parseParticipants reads the participants' lines; bad is the number of
// the first line without a name (0 when all are well).
func parseParticipants(s string) (ps []model.Participant, bad int) {
	lines, nums := nonBlankLines(s)
	for i, l := range lines {
		parts := lineParts(l)
		var p model.Participant
		for _, h := range model.Honorifics {
			if strings.EqualFold(parts[0], h) {
				p.Honorific, parts = h, parts[1:]
				break
			}
		}
		if len(parts) == 0 || parts[0] == "" {
			return nil, nums[i]
		}
		p.Name = parts[0]
		if len(parts) > 1 {
			p.Position = parts[1]
		}
		if len(parts) > 2 {
			p.Unit = strings.Join(parts[2:], ", ")
		}
		ps = append(ps, p)
	}
	return ps, 0
}

// participantsText is participants as the form shows them.
func participantsText(ps []model.Participant) string {
	var lines []string
	for _, p := range ps {
		parts := []string{p.Name, p.Position, p.Unit}
		if p.Honorific != "" {
			parts = append([]string{p.Honorific}, parts...)
		}
		lines = append(lines, strings.TrimRight(strings.Join(parts, peopleSep), "; "))
	}
	return strings.Join(lines, "\n")
}

// parseMembers reads the team's lines; bad is the number of the first
// line without a name.
func parseMembers(s string) (ms []model.Member, bad int) {
	lines, nums := nonBlankLines(s)
	for i, l := range lines {
		parts := append(lineParts(l), "", "", "")
		if parts[0] == "" {
			return nil, nums[i]
		}
		ms = append(ms, model.Member{Name: parts[0], Position: parts[1], Organisation: parts[2], Role: parts[3]})
	}
	return ms, 0
}

// membersText is the team as the form shows it.
func membersText(ms []model.Member) string {
	var lines []string
	for _, m := range ms {
		lines = append(lines, strings.TrimRight(strings.Join([]string{m.Name, m.Position, m.Organisation, m.Role}, peopleSep), "; "))
	}
	return strings.Join(lines, "\n")
}

// paragraphsText is free text as kept: each line trimmed, NFC.
func paragraphsText(s string) string {
	ls := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range ls {
		ls[i] = strings.TrimSpace(l)
	}
	return norm.NFC.String(strings.TrimSpace(strings.Join(ls, "\n")))
}
