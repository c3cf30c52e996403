package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/hindsight-sre/hindsight"
)

// ReadPath reads evidence from disk: a plain file, a ZIP archive (opened
// as an FS) or a folder (such as an unpacked Slack export). The File is
// named by path as given, so that refs and errors show what the user typed.
func ReadPath(path string) (File, error) {
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return File{}, hindsight.Errorf(hindsight.CodeNotFound, "evidence file %s does not exist", path)
	}
	if err != nil {
		return File{}, fmt.Errorf("read evidence: %w", err)
	}
	if info.IsDir() {
		return File{Name: path, FS: os.DirFS(path)}, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return File{}, fmt.Errorf("read evidence: %w", err)
	}
	return open(File{Name: path, Data: data})
}
