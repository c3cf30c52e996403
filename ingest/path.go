package ingest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/hindsight-sre/hindsight"
)

// StreamAbove is the size above which ReadPath streams a plain file rather
// than reading it into memory: a log of several gigabytes is mined as it is
// read (see File).
const StreamAbove = 32 << 20

// ReadPath reads evidence from disk: a plain file, a ZIP archive (opened
// as an FS) or a folder (such as an unpacked Slack export). The File is
// named by path as given, so that refs and errors show what the user typed.
// A plain file larger than StreamAbove is not read here: the File holds its
// head, for sniffing, and opens the file again when a format streams it.
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
	if info.Size() > StreamAbove {
		head, err := readHead(path)
		if err != nil {
			return File{}, err
		}
		// An archive is read whole, as before: only plain text streams.
		if !isZip(head) {
			return File{Name: path, Data: head, Size: info.Size(),
				Open: func() (io.ReadCloser, error) { return os.Open(path) }}, nil
		}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return File{}, fmt.Errorf("read evidence: %w", err)
	}
	return open(File{Name: path, Data: data})
}

// readHead reads the first SniffSize bytes of a file.
func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read evidence: %w", err)
	}
	defer f.Close()
	head := make([]byte, SniffSize)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("read evidence: %w", err)
	}
	return head[:n], nil
}
