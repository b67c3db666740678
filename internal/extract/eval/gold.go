// Package eval scores an extraction against hand-written gold facts. The golden tests use it to
// demand exact results on the seed and testdata; `go run ./cmd/evalfacts DIR` uses it to
// measure precision and recall on sets the rules were not tuned on (eval/dev, eval/heldout,
// and for attribution on general news eval/attrib-dev, eval/attrib-heldout).
//
// The gold format is the seed's (seeds/*.gold.json), plus optional fields described on Gold.
// Names match after folding (FoldName), never by id; statement texts match word for word after
// TextWords, alone, with the attribution clause left inside (GapMatch) or split in two around it.
package eval

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// Gold is the expected facts of one article. Title and PublishedAt are passed to the
// extractor as facts.ArticleMeta; NotExercises and NotStatements name what must not be found.
type Gold struct {
	Article       string          `json:"article"`
	About         string          `json:"about"`
	Title         string          `json:"title"`
	PublishedAt   string          `json:"published_at"`
	Entities      []GoldEntity    `json:"entities"`
	Statements    []GoldStatement `json:"statements"`
	Exercises     []GoldExercise  `json:"exercises"`
	NotExercises  []string        `json:"not_exercises"`
	NotStatements []string        `json:"not_statements"`
}

// GoldEntity is one real-world thing: acceptable types and names, title(s), and the key of
// the country its title names. An optional entity is neither required nor wrong.
type GoldEntity struct {
	Key         string   `json:"key"`
	Types       []string `json:"types"`
	Names       []string `json:"names"`
	Title       string   `json:"title"`
	Titles      []string `json:"titles"`
	Affiliation string   `json:"affiliation"`
	Optional    bool     `json:"optional"`
}

// GoldStatement is one statement: its speaker's key (more acceptable ones in AlsoSpeakers),
// acceptable speaker texts, kind, text and day.
type GoldStatement struct {
	Speaker      string   `json:"speaker"`
	AlsoSpeakers []string `json:"also_speakers"`
	SpeakerNames []string `json:"speaker_names"`
	Kind         string   `json:"kind"`
	Text         string   `json:"text"`
	SaidOn       string   `json:"said_on"`
	Optional     bool     `json:"optional"`
}

// GoldExercise is one exercise: names, host (more acceptable ones in AlsoHost), participants,
// the month it starts and, when the text gives them, its exact days.
type GoldExercise struct {
	Names                []string    `json:"names"`
	Host                 string      `json:"host"`
	AlsoHost             []string    `json:"also_host"`
	Participants         []string    `json:"participants"`
	OptionalParticipants []string    `json:"optional_participants"`
	Month                string      `json:"month"`
	Period               *GoldPeriod `json:"period"`
	Optional             bool        `json:"optional"`
}

// GoldPeriod is an exercise's first and last day, YYYY-MM-DD.
type GoldPeriod struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// Speakers returns the entity keys a statement's speaker may resolve to.
func (s GoldStatement) Speakers() []string {
	if s.Speaker == "" {
		return s.AlsoSpeakers
	}
	return append([]string{s.Speaker}, s.AlsoSpeakers...)
}

// Hosts returns the entity keys an exercise's host may resolve to.
func (x GoldExercise) Hosts() []string {
	if x.Host == "" {
		return x.AlsoHost
	}
	return append([]string{x.Host}, x.AlsoHost...)
}

// AllTitles returns every acceptable title of an entity.
func (e GoldEntity) AllTitles() []string {
	if e.Title == "" {
		return e.Titles
	}
	return append([]string{e.Title}, e.Titles...)
}

// Entity returns the gold entity with the given key.
func (g Gold) Entity(key string) (GoldEntity, bool) {
	for _, e := range g.Entities {
		if e.Key == key {
			return e, true
		}
	}
	return GoldEntity{}, false
}

// Meta returns what the extractor is told about the article besides its text.
func (g Gold) Meta() (facts.ArticleMeta, error) {
	meta := facts.ArticleMeta{Title: g.Title}
	if g.PublishedAt != "" {
		d, err := facts.ParseDate(g.PublishedAt)
		if err != nil {
			return meta, fmt.Errorf("published_at: %w", err)
		}
		meta.PublishedAt = &d
	}
	return meta, nil
}

// Case is one article and its expected facts.
type Case struct {
	Name string // file name without extension
	Raw  string // the article as stored
	Gold Gold
}

// Load reads every NAME.txt matching pattern and its NAME.gold.json. Unknown fields in a gold
// file are an error: a misspelt field would silently expect nothing.
func Load(pattern string) ([]Case, error) {
	paths, err := filepath.Glob(pattern)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no articles match %s", pattern)
	}
	var cases []Case
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		goldPath := strings.TrimSuffix(p, ".txt") + ".gold.json"
		b, err := os.ReadFile(goldPath)
		if err != nil {
			return nil, fmt.Errorf("every article needs a gold file: %w", err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		var g Gold
		if err := dec.Decode(&g); err != nil {
			return nil, fmt.Errorf("%s: %w", goldPath, err)
		}
		cases = append(cases, Case{Name: strings.TrimSuffix(filepath.Base(p), ".txt"), Raw: string(raw), Gold: g})
	}
	return cases, nil
}

var monthRE = regexp.MustCompile(`^\d{4}-\d{2}$`)

// GoldProblems checks a gold file against its article, so that a typo in expected facts shows
// as such rather than as a puzzling extractor failure: keys resolve, names of different
// entities never fold together, and every expected name and text is really in the article.
func GoldProblems(c Case) []string {
	var p []string
	g := c.Gold
	if _, err := g.Meta(); err != nil {
		p = append(p, err.Error())
	}
	if g.Article != c.Name+".txt" {
		p = append(p, fmt.Sprintf("article is %q, want %q", g.Article, c.Name+".txt"))
	}
	bodyWords := TextWords(c.Raw)
	bodyNames := TextWords(FoldName(c.Raw)) // possessives dropped
	owner := map[string]string{}
	keys := map[string]bool{}
	for _, e := range g.Entities {
		if keys[e.Key] {
			p = append(p, fmt.Sprintf("duplicate key %s", e.Key))
		}
		keys[e.Key] = true
		for _, typ := range e.Types {
			if !facts.EntityType(typ).Valid() {
				p = append(p, fmt.Sprintf("%s: type %q", e.Key, typ))
			}
		}
		found := false
		for _, n := range e.Names {
			f := FoldName(n)
			if o, ok := owner[f]; ok && o != e.Key {
				p = append(p, fmt.Sprintf("name %q belongs to both %s and %s", n, o, e.Key))
			}
			owner[f] = e.Key
			found = found || FindInWords(bodyNames, TextWords(FoldName(n)), 0)
		}
		if !found && !e.Optional {
			p = append(p, fmt.Sprintf("%s: none of %q is in the text", e.Key, e.Names))
		}
	}
	for _, s := range g.Statements {
		for _, k := range s.Speakers() {
			if !keys[k] {
				p = append(p, fmt.Sprintf("statement speaker %q is no entity key", k))
			}
		}
		if s.Kind != "direct" && s.Kind != "indirect" {
			p = append(p, fmt.Sprintf("statement kind %q", s.Kind))
		}
		if !FindInWords(bodyWords, TextWords(s.Text), 12) {
			p = append(p, fmt.Sprintf("statement text not in article: %q", s.Text))
		}
		if s.SaidOn != "" {
			if _, err := facts.ParseDate(s.SaidOn); err != nil {
				p = append(p, fmt.Sprintf("said_on: %v", err))
			}
		}
	}
	for _, x := range g.Exercises {
		if len(x.Names) == 0 {
			p = append(p, "exercise without names")
			continue
		}
		for _, k := range slices.Concat(x.Hosts(), x.Participants, x.OptionalParticipants) {
			if !keys[k] {
				p = append(p, fmt.Sprintf("exercise %q: %q is no entity key", x.Names[0], k))
			}
		}
		if x.Month != "" && !monthRE.MatchString(x.Month) {
			p = append(p, fmt.Sprintf("month %q", x.Month))
		}
		if x.Period != nil && !strings.HasPrefix(x.Period.Start, x.Month) {
			p = append(p, fmt.Sprintf("period start %s outside month %s", x.Period.Start, x.Month))
		}
	}
	for _, n := range slices.Concat(g.NotExercises, g.NotStatements) {
		if !FindInWords(bodyNames, TextWords(FoldName(n)), 0) {
			p = append(p, fmt.Sprintf("%q is not in the text", n))
		}
	}
	return p
}
