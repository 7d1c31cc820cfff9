package model

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// An evidence file (tệp minh chứng) is a photo, a scan or a document the
// inspector attaches to a finding: the notice board of the one-stop shop,
// the plan sampled. Its bytes are kept once per content (by SHA-256, so the
// same photo attached twice is stored once); each attachment says which
// finding it belongs to, what the file was called and who attached it.

// MaxEvidenceBytes is the size limit of one evidence file: a phone photo
// is 2–8 MB, a scanned document of a few pages 5–15 MB. Larger files are
// refused with EEvidenceTooLarge, naming the limit.
const MaxEvidenceBytes = 25 << 20

// BlobChunkBytes is how a file's bytes are kept and carried: in pieces of
// at most this size, so nothing ever holds a whole file in memory.
const BlobChunkBytes = 1 << 20

// Attachment is one evidence file attached to one finding (the assessment
// and the item), as its newest revision says. Removing one is a revision
// too (Removed set), so the removal is audited and travels, and the file
// stays in the history.
type Attachment struct {
	ID           string    `json:"id"`
	AssessmentID string    `json:"assessment_id"`
	ItemCode     string    `json:"item_code"`
	SHA256       string    `json:"sha256"`
	Name         string    `json:"name"`
	Size         int64     `json:"size"`
	MediaType    string    `json:"media_type"`
	AddedBy      string    `json:"added_by"`
	AddedAt      time.Time `json:"added_at"`
	AddedDevice  string    `json:"added_device"`
	Removed      bool      `json:"removed,omitempty"`
	Stamp
}

// Check says whether an attachment revision is well formed: IDs, a hash of
// 64 lowercase hex digits, a name without folders, a size within the limit,
// a removal based on the revision it removes.
func (a Attachment) Check() error {
	switch {
	case !ValidID(a.ID) || !ValidID(a.AssessmentID) || !ValidID(a.Revision):
		return fmt.Errorf("attachment: invalid ID")
	case strings.TrimSpace(a.ItemCode) == "":
		return fmt.Errorf("attachment: no item")
	case !ValidSHA256(a.SHA256):
		return fmt.Errorf("attachment: invalid hash")
	case a.Name == "" || strings.ContainsAny(a.Name, "/\\\x00") || a.Name == "." || a.Name == "..":
		return fmt.Errorf("attachment: invalid name")
	case a.Size < 0 || a.Size > MaxEvidenceBytes:
		return fmt.Errorf("attachment: size %d beyond %d", a.Size, MaxEvidenceBytes)
	case a.Removed != (a.BaseRevision != ""):
		return fmt.Errorf("attachment: a removal is based on the revision it removes, an addition on none")
	case len(a.Merged) > 0:
		return fmt.Errorf("attachment: merged revisions")
	}
	return nil
}

// EvidenceFile is an attachment and whether its bytes are held here
// (false: it came in a bundle sent without files).
type EvidenceFile struct {
	Attachment
	Received bool `json:"received"`
}

// ValidSHA256 says whether s is a SHA-256 in lowercase hex.
func ValidSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// CurrentAttachment is what the revisions of one attachment, from any
// number of laptops, say now: an attachment has its addition and at most
// removals based on it, so it is removed as soon as any laptop removed it
// (a removal is never lost to an older copy), and among several removals
// the earliest (then the smallest revision ID) is shown — the same answer
// whatever order the revisions arrived in. revs must be non-empty.
func CurrentAttachment(revs []Attachment) Attachment {
	best := revs[0]
	for _, r := range revs[1:] {
		if attachmentBefore(r, best) {
			best = r
		}
	}
	return best
}

// attachmentBefore ranks revisions: a removal before the addition, then
// earlier, then by revision ID.
func attachmentBefore(a, b Attachment) bool {
	if a.Removed != b.Removed {
		return a.Removed
	}
	if !a.UpdatedAt.Equal(b.UpdatedAt) {
		return a.UpdatedAt.Before(b.UpdatedAt)
	}
	return a.Revision < b.Revision
}

// SortAttachments orders a finding's files as documents list them: by
// item, then when they were attached, then name.
func SortAttachments(as []Attachment) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if a.ItemCode != b.ItemCode {
			return a.ItemCode < b.ItemCode
		}
		if !a.AddedAt.Equal(b.AddedAt) {
			return a.AddedAt.Before(b.AddedAt)
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
}

// IsImage says whether a media type is a picture a document may show.
func IsImage(mediaType string) bool {
	switch mediaType {
	case "image/jpeg", "image/png", "image/gif", "image/webp":
		return true
	}
	return false
}

// SizeWords writes a size as people read it: "2.4 MB", "512 KB", "300 B".
func SizeWords(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
