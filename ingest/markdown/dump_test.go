package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("testdata/" + os.Getenv("DUMP"))
	for _, f := range files {
		src, _ := os.ReadFile(f)
		res, err := Parse(filepath.Base(f), src, Options{})
		if err != nil {
			fmt.Println(f, err)
			continue
		}
		inc := res.Incident
		fmt.Printf("=== %s id=%s title=%q tl=%d ac=%d ls=%d fa=%d ms=%d\n", f, inc.ID, inc.Title, len(inc.Timeline), len(inc.Actions), len(inc.Lessons), len(inc.Factors), len(inc.Milestones))
		for _, e := range inc.Timeline {
			fmt.Printf("  E %s %s %q %s %q %v\n", e.Ref, e.Time.Format("2006-01-02T15:04Z"), e.TimeText, e.Zone, e.Text, e.Flags)
		}
		for _, a := range inc.Actions {
			fmt.Printf("  A %s %s %s %s %q %s\n", a.ID, a.Category, a.Status, a.Priority, a.Title, a.Tracker)
		}
		for _, l := range inc.Lessons {
			fmt.Printf("  L %s %q\n", l.Kind, l.Text)
		}
		for _, x := range inc.Factors {
			fmt.Printf("  F %s %s %v %q\n", x.ID, x.Layer, x.Causes, x.Text)
		}
		for _, m := range inc.Milestones {
			fmt.Printf("  M %s %s\n", m.Name, m.Time.Format("2006-01-02T15:04Z"))
		}
		fmt.Printf("  S summary=%q impact=%q detection=%q resolution=%q\n", clip(inc.Summary, 60), clip(inc.Impact.Description, 40), clip(inc.Detection, 40), clip(inc.Resolution, 40))
		for _, x := range res.Findings {
			fmt.Printf("  X %s %s %d %s\n", x.Severity, x.Rule, x.Line, x.Message)
		}
	}
}
