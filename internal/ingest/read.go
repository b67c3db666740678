package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/facts"
)

// Item is one article read from a source, or the reason it could not be read.
type Item struct {
	Where string // where a user finds the article: "path", "path:line", "-" for stdin
	Input Input
	Err   error // set when the article could not be read; Input is then empty
}

// ReadOptions say how Files reads its paths.
type ReadOptions struct {
	Stdin    io.Reader // read for the path "-"
	JSONL    bool      // stdin holds JSON lines rather than one article
	MaxBytes int       // limit on one article's body; 0 means extract.DefaultMaxBytes
	// Override replaces the metadata of every article read (its non-empty fields do); the
	// command allows it only for a single article.
	Override facts.ArticleMeta
}

func (o ReadOptions) maxBytes() int {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return extract.DefaultMaxBytes
}

// frontMatterMax bounds the front matter, so that reading a file never needs more than
// MaxBytes plus this.
const frontMatterMax = 64 << 10

// Extensions read when a directory is walked.
var articleExts = map[string]bool{".txt": true, ".md": true, ".jsonl": true}

// Files reads articles from paths: .txt and .md files (with optional front matter), .jsonl
// files (one article per line), directories (walked in lexical order for those, skipping
// hidden entries) and "-" (stdin). It streams: one article is in memory at a time, so a corpus
// of any size can be read. A file given by name is read as text whatever its extension,
// unless it ends in .jsonl.
func Files(paths []string, opt ReadOptions) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		for _, p := range paths {
			if !readPath(p, opt, yield) {
				return
			}
		}
	}
}

// errStop ends a directory walk when the consumer wants no more items.
var errStop = errors.New("stop")

// readPath yields the articles under one path and reports whether the consumer wants more.
func readPath(path string, opt ReadOptions, yield func(Item) bool) bool {
	if path == "-" {
		if opt.Stdin == nil {
			return yield(Item{Where: "-", Err: errors.New("no standard input to read")})
		}
		if opt.JSONL {
			return readJSONL("-", opt.Stdin, opt, yield)
		}
		return yield(readText("-", opt.Stdin, opt))
	}
	info, err := os.Stat(path)
	if err != nil {
		return yield(Item{Where: path, Err: readError(err)})
	}
	if !info.IsDir() {
		return readFile(path, opt, yield)
	}
	root := walkRoot(path)
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !yield(Item{Where: p, Err: readError(err)}) {
				return errStop
			}
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !articleExts[strings.ToLower(filepath.Ext(p))] {
			return nil
		}
		if !readFile(p, opt, yield) {
			return errStop
		}
		return nil
	})
	return err == nil
}

// walkRoot returns the root to walk for dir, a path that names a directory. A symbolic link
// the user names is followed (filepath.WalkDir would take it for a file): the trailing
// separator makes the walk start at the directory it points to. Links met inside the walk are
// not followed, as with find(1), so that a link cannot lead the walk in a circle.
func walkRoot(dir string) string {
	if info, err := os.Lstat(dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return dir + string(filepath.Separator)
	}
	return dir
}

// readFile yields the articles of one file and reports whether the consumer wants more.
func readFile(path string, opt ReadOptions, yield func(Item) bool) bool {
	f, err := os.Open(path)
	if err != nil {
		return yield(Item{Where: path, Err: readError(err)})
	}
	defer f.Close()
	if strings.EqualFold(filepath.Ext(path), ".jsonl") {
		return readJSONL(path, f, opt, yield)
	}
	return yield(readText(path, f, opt))
}

// readError names what went wrong reading a file without repeating its path, which the
// report prints in front.
func readError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return facts.Errorf(facts.EINVALID, "cannot read: %v", err)
}

// readText reads one .txt or .md article.
func readText(where string, r io.Reader, opt ReadOptions) Item {
	limit := opt.maxBytes() + frontMatterMax
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return Item{Where: where, Err: readError(err)}
	}
	if len(b) > limit {
		return Item{Where: where, Err: tooLarge(opt.maxBytes())}
	}
	meta, body, err := ParseFrontMatter(string(b))
	if err != nil {
		return Item{Where: where, Err: err}
	}
	if len(body) > opt.maxBytes() {
		return Item{Where: where, Err: tooLarge(opt.maxBytes())}
	}
	return Item{Where: where, Input: Input{ArticleMeta: override(meta, opt.Override), Body: body}}
}

func tooLarge(maxBytes int) error {
	return facts.Errorf(facts.ETOOLARGE, "article is over the size limit of %d bytes", maxBytes)
}

// override returns m with the non-empty fields of o in place of its own.
func override(m, o facts.ArticleMeta) facts.ArticleMeta {
	if o.Title != "" {
		m.Title = o.Title
	}
	if o.URL != "" {
		m.URL = o.URL
	}
	if o.Source != "" {
		m.Source = o.Source
	}
	if o.PublishedAt != nil {
		m.PublishedAt = o.PublishedAt
	}
	return m
}

// ParseFrontMatter splits text into its front matter and body. Front matter is optional: a
// first line "---", flat "key: value" lines (title, url, source, published_at; values may be
// quoted; other keys, comments, and indented or list lines are ignored), and a closing "---"
// or "..." line. Text without it is all body.
func ParseFrontMatter(text string) (facts.ArticleMeta, string, error) {
	var meta facts.ArticleMeta
	rest := strings.TrimPrefix(text, "\uFEFF")
	first, rest, ok := cutLine(rest)
	if !ok || strings.TrimRight(first, " \t") != "---" {
		return meta, text, nil
	}
	for n := 2; ; n++ {
		var line string
		line, rest, ok = cutLine(rest)
		if !ok {
			return meta, "", facts.Errorf(facts.EINVALID, "front matter is not closed: want a \"---\" line after it")
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "---" || trimmed == "..." {
			return meta, rest, nil
		}
		if trimmed == "" || trimmed[0] == '#' || trimmed[0] == '-' || line[0] == ' ' || line[0] == '\t' {
			continue
		}
		key, value, found := strings.Cut(trimmed, ":")
		if !found {
			return meta, "", facts.Errorf(facts.EINVALID, "front matter line %d: want \"key: value\" or the closing \"---\", got %q", n, trimmed)
		}
		value, err := unquote(strings.TrimSpace(value))
		if err != nil {
			return meta, "", facts.Errorf(facts.EINVALID, "front matter line %d: %v", n, err)
		}
		switch strings.ToLower(strings.TrimSpace(key)) {
		case "title":
			meta.Title = value
		case "url":
			meta.URL = value
		case "source":
			meta.Source = value
		case "published_at":
			d, err := ParsePublishedAt(value)
			if err != nil {
				return meta, "", facts.Errorf(facts.EINVALID, "front matter line %d: %v", n, err)
			}
			meta.PublishedAt = d
		}
	}
}

// cutLine returns the first line of s without its line ending, and the rest. ok is false when
// s is empty.
func cutLine(s string) (line, rest string, ok bool) {
	if s == "" {
		return "", "", false
	}
	line, rest, found := strings.Cut(s, "\n")
	if !found {
		rest = ""
	}
	return strings.TrimSuffix(line, "\r"), rest, true
}

// unquote strips YAML-style quotes: double quotes with backslash escapes, or single quotes
// where a doubled single quote stands for one.
func unquote(v string) (string, error) {
	switch {
	case len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"':
		s, err := strconv.Unquote(v)
		if err != nil {
			return "", fmt.Errorf("bad quoted value %s", v)
		}
		return s, nil
	case len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'':
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'"), nil
	}
	return v, nil
}

// ParsePublishedAt reads a publication date: YYYY-MM-DD, or an RFC 3339 timestamp whose
// calendar day (in its own offset) is taken. "" is no date.
func ParsePublishedAt(s string) (*facts.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if d, err := facts.ParseDate(s); err == nil {
		return &d, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		d := facts.DateOf(t)
		return &d, nil
	}
	return nil, facts.ParamErrorf("published_at", "published_at %q is not a date (want YYYY-MM-DD or RFC 3339)", s)
}

// jsonArticle is one line of a .jsonl file.
type jsonArticle struct {
	Title       string `json:"title"`
	URL         string `json:"url"`
	Source      string `json:"source"`
	PublishedAt string `json:"published_at"`
	Body        string `json:"body"`
}

// readJSONL yields one item per non-blank line and reports whether the consumer wants more.
// A line is held in memory only while it is decoded; an overlong one is skipped unread.
func readJSONL(path string, r io.Reader, opt ReadOptions, yield func(Item) bool) bool {
	// JSON escapes make a line longer than the body it carries; allow for that generously.
	lineMax := 2*opt.maxBytes() + frontMatterMax
	br := bufio.NewReaderSize(r, 64<<10)
	var buf []byte
	for n := 1; ; n++ {
		buf = buf[:0]
		overlong := false
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !overlong {
				buf = append(buf, chunk...)
				if len(buf) > lineMax {
					overlong, buf = true, buf[:0]
				}
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return yield(Item{Where: fmt.Sprintf("%s:%d", path, n), Err: readError(err)})
		}
		where := fmt.Sprintf("%s:%d", path, n)
		switch line := bytes.TrimSpace(buf); {
		case overlong:
			if !yield(Item{Where: where, Err: tooLarge(opt.maxBytes())}) {
				return false
			}
		case len(line) > 0:
			if !yield(decodeJSONLine(where, line, opt)) {
				return false
			}
		}
		if err != nil { // io.EOF
			return true
		}
	}
}

// decodeJSONLine turns one JSON line into an item.
func decodeJSONLine(where string, line []byte, opt ReadOptions) Item {
	var j jsonArticle
	if line[0] != '{' {
		return Item{Where: where, Err: facts.Errorf(facts.EINVALID, "malformed JSON line: want an object")}
	}
	// encoding/json would quietly turn bad bytes and unpaired surrogate escapes into U+FFFD,
	// storing a body that is not what the file holds.
	if !utf8.Valid(line) {
		return Item{Where: where, Err: facts.Errorf(facts.EINVALID, "JSON line is not valid UTF-8 (bad byte at offset %d)", invalidAt(line))}
	}
	if at := unpairedSurrogate(line); at >= 0 {
		return Item{Where: where, Err: facts.Errorf(facts.EINVALID, "JSON line has an unpaired UTF-16 surrogate escape %s at offset %d", line[at:at+6], at)}
	}
	if err := json.Unmarshal(line, &j); err != nil {
		return Item{Where: where, Err: facts.Errorf(facts.EINVALID, "malformed JSON line: %v", err)}
	}
	if strings.TrimSpace(j.Body) == "" {
		return Item{Where: where, Err: facts.Errorf(facts.EINVALID, "article has no body")}
	}
	if len(j.Body) > opt.maxBytes() {
		return Item{Where: where, Err: tooLarge(opt.maxBytes())}
	}
	d, err := ParsePublishedAt(j.PublishedAt)
	if err != nil {
		return Item{Where: where, Err: err}
	}
	meta := facts.ArticleMeta{Title: j.Title, URL: j.URL, Source: j.Source, PublishedAt: d}
	return Item{Where: where, Input: Input{ArticleMeta: override(meta, opt.Override), Body: j.Body}}
}

// invalidAt returns the offset of the first byte of b that is not valid UTF-8.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// unpairedSurrogate returns the offset of the first \uXXXX escape in line that is half of a
// UTF-16 surrogate pair without its other half, or -1.
func unpairedSurrogate(line []byte) int {
	escape := func(i int) (rune, bool) { // the code unit of the \uXXXX at i
		if i+6 > len(line) || line[i] != '\\' || line[i+1] != 'u' {
			return 0, false
		}
		v, err := strconv.ParseUint(string(line[i+2:i+6]), 16, 16)
		return rune(v), err == nil
	}
	for i := 0; i < len(line); i++ {
		if line[i] != '\\' {
			continue
		}
		r, ok := escape(i)
		switch {
		case !ok:
			i++ // another escape: skip the escaped byte, which may be a backslash
		case utf16.IsSurrogate(r) && r < 0xdc00:
			if next, ok := escape(i + 6); !ok || next < 0xdc00 || next > 0xdfff {
				return i
			}
			i += 11
		case utf16.IsSurrogate(r):
			return i
		default:
			i += 5
		}
	}
	return -1
}

// Count returns how many articles Files would yield for paths, cheaply (without parsing), so
// that a progress bar can show an ETA; -1 when it cannot know (stdin).
func Count(paths []string, jsonlStdin bool) int {
	total := 0
	for _, p := range paths {
		if p == "-" {
			if jsonlStdin {
				return -1
			}
			total++
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			total++ // reported as one failure
			continue
		}
		if !info.IsDir() {
			total += countFile(p)
			continue
		}
		root := walkRoot(p)
		_ = filepath.WalkDir(root, func(q string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				total++
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
			case q != root && strings.HasPrefix(d.Name(), "."):
				if d.IsDir() {
					return fs.SkipDir
				}
			case !d.IsDir() && articleExts[strings.ToLower(filepath.Ext(q))]:
				total += countFile(q)
			}
			return nil
		})
	}
	return total
}

// countFile counts the articles in one file: its non-blank lines when it is .jsonl.
func countFile(path string) int {
	if !strings.EqualFold(filepath.Ext(path), ".jsonl") {
		return 1
	}
	f, err := os.Open(path)
	if err != nil {
		return 1
	}
	defer f.Close()
	// Count by hand rather than with a Scanner, whose buffer would grow to the longest line.
	n, content := 0, false
	buf := make([]byte, 64<<10)
	for {
		m, err := f.Read(buf)
		for _, c := range buf[:m] {
			switch c {
			case '\n':
				if content {
					n++
				}
				content = false
			case ' ', '\t', '\r':
			default:
				content = true
			}
		}
		if err != nil {
			break
		}
	}
	if content {
		n++
	}
	return n
}
