// Package placetsv writes the place lists of the gazetteer's data folder (cities.tsv,
// subdivisions.tsv) for the commands that generate them: one place per row, its name, the
// name's ASCII form when that differs, and the id its country has in data/countries.tsv.
package placetsv

import (
	"bufio"
	"cmp"
	"os"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A Place is one row: a name and the id of its country.
type Place struct{ Name, Country string }

// Write writes places to out, sorted by country and name, under the column line and a
// comment saying where they come from. Of two places with one name, the first given is kept.
func Write(out, provenance string, places []Place) error {
	type row struct{ name, ascii, country string }
	var rows []row
	seen := map[string]bool{}
	for _, p := range places {
		if seen[p.Name] {
			continue
		}
		seen[p.Name] = true
		a := ascii(p.Name)
		if a == p.Name {
			a = ""
		}
		rows = append(rows, row{p.Name, a, p.Country})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Or(cmp.Compare(a.country, b.country), cmp.Compare(a.name, b.name)) })
	var sb strings.Builder
	sb.WriteString("# name\tascii_name\tcountry\n")
	sb.WriteString("# " + provenance + "\n")
	for _, r := range rows {
		sb.WriteString(r.name + "\t" + r.ascii + "\t" + r.country + "\n")
	}
	return os.WriteFile(out, []byte(sb.String()), 0o644)
}

// ascii drops the diacritics of a Latin name ("São Paulo" → "Sao Paulo"); a name in another
// script is returned as it is.
func ascii(s string) string {
	var sb strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		sb.WriteRune(r)
	}
	return norm.NFC.String(sb.String())
}

// CountryIDs maps alpha-2 codes to the ids of data/countries.tsv.
func CountryIDs(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ids := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if line := sc.Text(); line != "" && line[0] != '#' {
			if fs := strings.Split(line, "\t"); len(fs) > 3 && fs[3] != "" {
				ids[fs[3]] = fs[0]
			}
		}
	}
	return ids, sc.Err()
}
