package report

import (
	"strconv"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// This file holds the parts Nghị định 30/2020/NĐ-CP fixes for every
// administrative document: the names of the bodies in the letterhead,
// the number and symbol, the place and date, the names people sign with.

// docKind is the abbreviation of a kind of document in its number.
type docKind string

// The documents' abbreviations (NĐ 30/2020, Phụ lục III).
const (
	kindRecord     docKind = "BB" // biên bản
	kindConclusion docKind = "TB" // thông báo
	kindReport     docKind = "BC" // báo cáo
)

// docNumber is the "Số: 05/BB-ĐKT" line.
func docNumber(no string, kind docKind, code string, t i18n.Catalog) string {
	return t.T("report.doc.number", docSymbol(no, kind, code))
}

// docSymbol is a document's số và ký hiệu, "05/BB-ĐKT": the number as
// recorded, or room to write it by hand (the văn thư numbers a document
// when it is issued), the kind and the issuer's abbreviation.
func docSymbol(no string, kind docKind, code string) string {
	sym := string(kind)
	if code = strings.TrimSpace(code); code != "" {
		sym += "-" + code
	}
	no = strings.TrimSpace(no)
	if no == "" {
		no = "      "
	}
	return no + "/" + sym
}

// vnDate writes a date as NĐ 30/2020 says (Phụ lục I, II.4): "ngày 05
// tháng 3 năm 2022" — days below 10 and the months 1 and 2 get a leading
// zero, the other months do not.
func vnDate(d model.Date, t i18n.Catalog) string {
	if d.IsZero() {
		return t.T("report.date.blank")
	}
	if t.Lang == i18n.EN {
		return strconv.Itoa(d.Day()) + " " + d.Month().String() + " " + strconv.Itoa(d.Year())
	}
	day := strconv.Itoa(d.Day())
	if d.Day() < 10 {
		day = "0" + day
	}
	month := strconv.Itoa(int(d.Month()))
	if d.Month() <= 2 {
		month = "0" + month
	}
	return t.T("report.date.long", day, month, d.Year())
}

// placeDate is the line under Quốc hiệu: "Hải Dương, ngày 18 tháng 10 năm
// 2022". The place is the inspection's locality, else taken from the
// governing body or the issuer.
func placeDate(in model.Inspection, d model.Date, t i18n.Catalog) string {
	date := vnDate(d, t)
	loc := strings.TrimSpace(in.Locality)
	if loc == "" {
		loc = locality(in.GoverningBody)
	}
	if loc == "" {
		loc = locality(in.Issuer)
	}
	if loc == "" {
		if t.Lang == i18n.EN {
			return date
		}
		return strings.ToUpper(date[:1]) + date[1:]
	}
	return loc + ", " + date
}

// bodies are the names a document's letterhead prints, upper case.
type bodies struct {
	governing, issuer, team string
}

func bodiesOf(in model.Inspection, t i18n.Catalog) bodies {
	b := bodies{governing: upper(in.GoverningBody), issuer: upper(in.Issuer), team: upper(in.TeamName)}
	if b.issuer == "" {
		b.issuer = upper(t.T("report.record.default_issuer"))
	}
	if b.team == "" {
		b.team = t.T("report.record.team_name")
	}
	// "SỞ NỘI VỤ TỈNH HẢI DƯƠNG" under "UBND TỈNH HẢI DƯƠNG": the
	// province is already named above.
	if loc := locality(in.GoverningBody); loc != "" && b.governing != "" {
		for _, w := range []string{" TỈNH ", " THÀNH PHỐ "} {
			b.issuer = strings.TrimSuffix(b.issuer, w+strings.ToUpper(loc))
		}
	}
	return b
}

// head is a letterhead under the issuing body org.
func head(b bodies, org, number, date string, t i18n.Catalog) letterhead {
	return letterhead{Governing: b.governing, Issuer: org, Nation: t.T("report.nation"), Motto: t.T("report.motto"),
		Number: number, Date: date}
}

func upper(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// withOrg is a position followed by its organisation, unless the
// position already names it: "Phó Giám đốc" + "Sở Nội vụ" is "Phó Giám
// đốc Sở Nội vụ", and "Phó Giám đốc Sở Nội vụ" stays as it is.
func withOrg(position, org string) string {
	position, org = strings.TrimSpace(position), strings.TrimSpace(org)
	switch {
	case org == "" || strings.Contains(model.Fold(position), model.Fold(org)):
		return position
	case position == "":
		return org
	}
	return position + " " + org
}

// memberLine is a team member as the documents list them.
func memberLine(m model.Member) string {
	s := m.Name
	if p := withOrg(m.Position, m.Organisation); p != "" {
		s += ", " + p
	}
	if m.Role != "" {
		s += " – " + m.Role
	}
	return s
}

// participantLine is one of the unit's people.
func participantLine(p model.Participant) string {
	s := strings.TrimSpace(p.Honorific + " " + p.Name)
	if pos := withOrg(p.Position, p.Unit); pos != "" {
		s += ", " + pos
	}
	return s
}

// teamRole finds the member whose role is exactly one of roles, compared
// without diacritics ("Trưởng đoàn" but not "Phó Trưởng đoàn").
func teamRole(team []model.Member, roles ...string) (model.Member, bool) {
	for _, m := range team {
		for _, r := range roles {
			if model.Fold(m.Role) == r {
				return m, true
			}
		}
	}
	return model.Member{}, false
}

// leaderOf and secretaryOf are the team's Trưởng đoàn and Thư ký.
func leaderOf(in model.Inspection) model.Member {
	m, _ := teamRole(in.Team, "truong doan", "team leader", "head of team", "head of the team")
	return m
}

func secretaryOf(in model.Inspection) model.Member {
	m, _ := teamRole(in.Team, "thu ky", "secretary")
	return m
}

// clockText is "08 giờ 30 phút" for "08:30", or room to write it.
func clockText(c string, t i18n.Catalog) string {
	h, m, ok := model.ClockParts(c)
	if !ok {
		return t.T("report.clock.blank")
	}
	return t.T("report.clock", pad2(h), pad2(m))
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
