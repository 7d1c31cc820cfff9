package report

import (
	"strings"

	"kiemtra/model"
)

// eachFinding calls fn with each finding row of the summary — with
// recsOnly, those with a kiến nghị — from its stream when it has one, so a
// format written row by row never holds them all.
func eachFinding(s *model.Summary, recsOnly bool, fn func(*model.FindingRow) error) error {
	if s.Stream != nil {
		return s.Stream(recsOnly, fn)
	}
	list := s.Findings
	if recsOnly {
		list = s.Recommendations
	}
	for i := range list {
		if err := fn(&list[i]); err != nil {
			return err
		}
	}
	return nil
}

// held is the summary with its findings in Findings and Recommendations,
// read from its stream when it has one: for the formats (HTML, JSON, CSV)
// that build the whole document before writing it.
func held(s *model.Summary) (*model.Summary, error) {
	if s.Stream == nil {
		return s, nil
	}
	c := *s
	c.Stream = nil
	c.Findings = make([]model.FindingRow, 0, s.ListStats(false).Rows)
	err := s.Stream(false, func(f *model.FindingRow) error {
		c.Findings = append(c.Findings, *f)
		if strings.TrimSpace(f.Finding.Recommendation) != "" {
			c.Recommendations = append(c.Recommendations, *f)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}
