package checklists

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"strings"
)

// excelize reads a sheet's merged cells by decoding the whole sheet into
// memory (a 3 MB workbook of 60 MB of cells took 1 GB that way), so the
// reader finds them itself in the zip: the sheet's part, named by the
// workbook and its relationships, and in it the <mergeCells> element that
// follows the cells.

// mergedRanges returns the merged ranges ("A3:A9") of every sheet, by
// sheet name. A workbook it cannot follow gives none: its cells are then
// read as they are.
func mergedRanges(zr *zip.Reader) map[string][]string {
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/")] = f
	}
	var wbook struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if !decodePart(parts["xl/workbook.xml"], &wbook) || !decodePart(parts["xl/_rels/workbook.xml.rels"], &rels) {
		return nil
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string][]string{}
	for _, s := range wbook.Sheets {
		if f := parts[target[s.ID]]; f != nil {
			out[s.Name] = sheetMerges(f)
		}
	}
	return out
}

func decodePart(f *zip.File, v any) bool {
	if f == nil {
		return false
	}
	r, err := f.Open()
	if err != nil {
		return false
	}
	defer func() { _ = r.Close() }() // read only
	return xml.NewDecoder(r).Decode(v) == nil
}

// sheetMerges reads the refs of a sheet's mergeCell elements, skipping
// the cells before them without decoding them.
func sheetMerges(f *zip.File) []string {
	r, err := f.Open()
	if err != nil {
		return nil
	}
	defer func() { _ = r.Close() }() // read only
	data, err := io.ReadAll(r)
	if err != nil {
		return nil
	}
	i := bytes.LastIndex(data, []byte("mergeCells"))
	for i > 0 && data[i-1] != '<' && data[i-1] != ':' && data[i-1] != '/' {
		i = bytes.LastIndex(data[:i], []byte("mergeCells"))
	}
	if i <= 0 {
		return nil
	}
	start := bytes.LastIndexByte(data[:i], '<')
	if start < 0 || data[start+1] == '/' {
		// The last mention is the closing tag: the opening one is earlier.
		start = bytes.LastIndex(data[:max(start, 0)], []byte("mergeCells"))
		start = bytes.LastIndexByte(data[:max(start, 0)], '<')
	}
	if start < 0 {
		return nil
	}
	var out []string
	dec := xml.NewDecoder(bytes.NewReader(data[start:]))
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "mergeCell" {
				for _, a := range t.Attr {
					if a.Name.Local == "ref" {
						out = append(out, a.Value)
					}
				}
			}
		case xml.EndElement:
			if t.Name.Local == "mergeCells" {
				return out
			}
		}
	}
}
