package extract_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// nastyInputs are texts that have broken segmenters and quote matchers before.
var nastyInputs = []string{
	"",
	" ",
	"\n\n\n",
	"\"",
	"“",
	"”",
	"«»",
	`"""""""`,
	"“““”””",
	"”Backwards quotes“ he said.",
	"“Unclosed quote, the minister said.",
	"Closed only,” the ministry said.",
	"\"A,\" she said. \"B.",
	"a\x00b",
	"\x00",
	"\xff\xfe\xfd",
	"Valid start \xc3\x28 invalid middle.",
	"\ufeff",
	"\ufeffChina said on Monday.",
	"Line one.\r\nLine two.\rLine three.",
	"e\u0301\u0301\u0301 combining marks \u0308\u0308",
	"\u0301 starts with a combining mark said Putin.",
	"Ame\u0301lie Dupont, the French defence minister, said “ok”.",
	strings.Repeat("A", 70000),
	strings.Repeat("Supercalifragilistic", 5000) + " said the ministry.",
	"U.S. Gen. Mr. No. Feb. Sept. St. Dr.",
	"...",
	". . . , , , ; ;",
	"Exercise-2024 exercise drills manoeuvres in in in to to from from",
	"from Sept. 3 to 10 late August mid-May early March next month on Tuesday",
	"He said. She said. It said. They said.",
	"according to according to according to",
	"X says Y: Z says W: V says",
	"The 𝕏 ministry said 🇨🇳 China’s 😀 drills.",
	"\u200b\u200d\u2028\u2029 zero width and separators",
	"Beijing's Beijing’s ’s 's",
	"00000000000000000000’“00A-”eXerCise", // a name ending in "-": withoutEdition read past it
}

func FuzzFacts(f *testing.F) {
	for _, pattern := range []string{filepath.Join("..", "..", "seeds", "*.txt"), filepath.Join("testdata", "*.txt")} {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(b))
		}
	}
	for _, s := range nastyInputs {
		f.Add(s)
	}
	g := gazetteer.Default()
	published := facts.Date{Year: 2024, Month: 2, Day: 29} // a leap day, so relative dates cross month ends
	meta := facts.ArticleMeta{Title: "Fuzz", PublishedAt: &published}

	f.Fuzz(func(t *testing.T, text string) {
		body, err := extract.Normalize(text, 0)
		if err != nil {
			var fe *facts.Error
			if !errors.As(err, &fe) {
				t.Fatalf("Normalize error is %T, want *facts.Error: %v", err, err)
			}
			if fe.Code != facts.EINVALID && fe.Code != facts.ETOOLARGE {
				t.Fatalf("Normalize error code %q: %v", fe.Code, err)
			}
			return
		}
		if again, err := extract.Normalize(body, 0); err != nil || again != body {
			t.Fatalf("Normalize is not idempotent: %q, %v", again, err)
		}
		x, err := extract.Facts(body, meta, g)
		if err != nil {
			t.Fatalf("Facts failed on a normalized body: %v", err)
		}
		for _, p := range docProblems(body, x) {
			t.Error(p)
		}
		again, err := extract.Facts(body, meta, g)
		if err != nil {
			t.Fatalf("second Facts: %v", err)
		}
		if a, b := mustJSON(t, x), mustJSON(t, again); !bytes.Equal(a, b) {
			t.Errorf("two runs differ:\n%s\n%s", a, b)
		}
	})
}
