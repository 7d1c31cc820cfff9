// Package checklists holds kiemtra's built-in CCHC checklists as YAML data
// files embedded in the program, and reads and validates checklist files and
// inspection plan files into model types.
//
// The full format, with examples, is in FORMAT.md in this directory.
//
// # Checklist files
//
// One checklist per file, UTF-8, all text in Unicode NFC:
//
//	id: so-ban-nganh            # stable id, a-z 0-9 and -
//	version: "2026.1"           # (id, version) is never reused once findings refer to it
//	title: "Kiểm tra công tác cải cách hành chính: sở, ban, ngành"
//	kind: so                    # a code from kinds.yaml: so, huyen, xa
//	source: "which decisions and documents it follows"
//	defaults: "which weights are defaults a Sở Nội vụ must replace with its own decision"
//	bands:                      # classification; any order; min is a percentage
//	  - {label: "Tốt", label_en: "Good", min: 90}
//	  - {label: "Khá", label_en: "Fair", min: 80}
//	  - {label: "Trung bình", label_en: "Average", min: 0}
//	fields:                     # lĩnh vực
//	  - code: "1"
//	    title: "Chỉ đạo, điều hành cải cách hành chính"
//	    max: 10                 # must equal the sum of its items' max
//	    criteria:               # tiêu chí
//	      - code: "1.1"         # starts with the field code and "."
//	        title: "Kế hoạch cải cách hành chính năm"
//	        items:              # the inspector's questions
//	          - code: "1.1.1"   # starts with the criterion code and "."
//	            text: "Đơn vị có ban hành Kế hoạch CCHC năm đúng thời hạn không?"
//	            guidance: "how to check on site"          # optional
//	            evidence: "tài liệu kiểm chứng to ask for" # optional
//	            legal_basis: "căn cứ"                     # optional
//	            max: 1          # > 0, at most two decimals (0.25, 14.5; "14,5" also read)
//	            scoring: levels # binary | partial | levels | manual
//	            levels:         # required for levels, forbidden otherwise
//	              - {score: 1, label: "Ban hành kịp thời"}
//	              - {score: 0.5, label: "Ban hành chậm"}
//	              - {score: 0, label: "Không ban hành"}
//
// Parse rejects, each with the line of the offending node, and all at once:
// YAML syntax errors; unknown keys (with a "did you mean" hint); missing or
// empty id, version, title, kind, codes, titles and texts; unknown kinds;
// duplicate codes (fields, criteria and items share one namespace); codes not
// prefixed by their parent's code and "."; a field whose items do not add up
// to its max; max <= 0; unknown scoring modes; levels on a non-levels item or
// none on a levels item, level scores outside 0..max or none equal to max;
// no bands, duplicate band minima, minima outside 0..100, no band with min 0;
// a field with no criteria, a criterion with no items; text not in NFC.
//
// # Plan files
//
// An inspection plan (kế hoạch kiểm tra) lists the inspection, its team and
// the units to visit; see ParsePlan and FORMAT.md.
//
// # Built-in data
//
// Builtin returns so-ban-nganh (sở, ban, ngành), ubnd-huyen (UBND cấp huyện,
// for inspections before 1 July 2025) and ubnd-xa (UBND cấp xã, phường).
// Their weights and thresholds are defaults, stated in each file's source
// and defaults keys: a province replaces them by loading its own checklist
// file, with no code change. Kinds returns the kinds of unit from
// kinds.yaml.
package checklists
