package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// ErrNoBrowser is returned for a PDF when no Chromium-based browser is
// found. PDF is printed from the HTML report by a headless browser, which
// keeps one layout (the print CSS) for paper and screen and adds no Go
// dependency; the price is needing a browser on the machine.
var ErrNoBrowser = errors.New("report: a PDF needs Chromium or Google Chrome: install one (for example `apt-get install chromium`), " +
	"set HINDSIGHT_CHROME to its path, or render html and print it from any browser")

// browserNames are the executables tried on PATH, most common first.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// pdfTimeout bounds a browser that hangs; a report prints in about a second.
const pdfTimeout = 2 * time.Minute

// findBrowser returns the browser to print with: the one set on the
// Renderer, then HINDSIGHT_CHROME, then the first known name on PATH.
func (r *Renderer) findBrowser() (string, error) {
	for _, p := range []string{r.browser, os.Getenv("HINDSIGHT_CHROME")} {
		if p == "" {
			continue
		}
		found, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("%w (%s: %v)", ErrNoBrowser, p, err)
		}
		return found, nil
	}
	for _, name := range browserNames {
		if found, err := exec.LookPath(name); err == nil {
			return found, nil
		}
	}
	return "", ErrNoBrowser
}

// printPDF prints a rendered HTML report with headless Chromium. The report
// is self-contained, so the browser runs with networking features off and
// a throw-away profile, and loads nothing but the file.
func (r *Renderer) printPDF(ctx context.Context, html []byte) ([]byte, error) {
	browser, err := r.findBrowser()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "hindsight-pdf-")
	if err != nil {
		return nil, fmt.Errorf("report: pdf: %w", err)
	}
	defer os.RemoveAll(dir)
	in, out := filepath.Join(dir, "report.html"), filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(in, html, 0o600); err != nil {
		return nil, fmt.Errorf("report: pdf: %w", err)
	}
	args := []string{"--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--no-pdf-header-footer",
		"--print-to-pdf=" + out, (&url.URL{Scheme: "file", Path: filepath.ToSlash(in)}).String()}
	if os.Geteuid() == 0 {
		// Chromium refuses to start as root with its sandbox on; containers
		// and CI often run as root.
		args = append([]string{"--no-sandbox"}, args...)
	}
	ctx, cancel := context.WithTimeout(ctx, pdfTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, args...)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("report: %s could not print the PDF: %w%s", browser, err, tail(stderr.String()))
	}
	pdf, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, fmt.Errorf("report: %s wrote no PDF%s", browser, tail(stderr.String()))
	}
	return pdf, nil
}

// tail keeps the last lines of the browser's output for an error message:
// enough to see why it failed, not its whole start-up chatter.
func tail(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) == 1 && lines[0] == "" {
		return ""
	}
	if len(lines) > 5 {
		lines = lines[len(lines)-5:]
	}
	return ":\n" + strings.Join(lines, "\n")
}
