package extract

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// exercise is a named exercise being gathered.
type exercise struct {
	name         string
	aliases      []string
	keys         []string // folded names, to match later mentions
	mentions     []span
	host         *ent
	participants []*ent
	period       *facts.Period
	periodRank   int
	weakHost     *ent // "in <country>" with no verb that says it hosts
	purpose      string
	year         int
	seq          int  // order of discovery: of two names found to be one, the first wins
	dropped      bool // merged into another exercise
}

// foldName is facts.Fold, the key under which exercises are matched: "Army-2022" and
// "Army 2022" are one name.
func foldName(s string) string {
	var room [64]byte // most names fit: folded on the stack, then copied once
	return string(appendFolded(room[:0], s))
}

// appendFolded appends facts.Fold(s) to b, with a fast path for ASCII, nearly every name,
// that TestFold holds byte-equal to facts.Fold; any other text is left to facts.Fold.
func appendFolded(b []byte, s string) []byte {
	start := len(b)
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return append(b[:start], facts.Fold(s)...)
		case c == '\'' || c == '.':
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z':
			if space && len(b) > start {
				b = append(b, ' ')
			}
			space = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		default:
			space = true
		}
	}
	return b
}

// findExercises finds exercise names beside exercise words, their aliases ("also known as"),
// and every later mention of a known name; it also sets aside event names ("the opening
// ceremony of “Expo-2024”") so that they are not read as exercises or people.
func (d *doc) findExercises() {
	// Exercise and event words begin phrases of the gazetteer's lists: they are among the
	// tokens computeFeatures looked up (d.sc.cand, in order). Until a sentence names an
	// exercise, only those tokens can start anything, and the others are stepped over.
	cand, c := d.sc.cand, 0
	for _, s := range d.sents {
		var last *exercise
		for i := s.from; i < s.to; i++ {
			if last == nil {
				for c < len(cand) && int(cand[c]) < i {
					c++
				}
				if c == len(cand) || int(cand[c]) >= s.to {
					break
				}
				i = int(cand[c])
			}
			if d.claimed[i] {
				continue
			}
			f := &d.feat[i]
			n := int(f.ex)
			if n == 0 && f.event > 0 {
				d.eventName(i, int(f.event), s)
				continue
			}
			if n > 0 && int(f.title) > n {
				continue // a title: "exercise director"
			}
			if n == 0 {
				if last != nil && d.is(i, "also") && d.is(i+1, "known") && d.is(i+2, "as") && !last.dropped {
					if f, t, ok := d.nameAt(i+3, s.to); ok {
						d.addExerciseName(last, f, t)
					}
				}
				continue
			}
			// "Talisman Sabre, the biennial war games": a name set off before "the … exercise".
			if k := d.appositiveName(i, s.from); k > 0 {
				if f, t, ok := d.nameBefore(k, s.from); ok {
					last = d.exerciseNamed(f, t)
				}
			}
			// A translation in brackets: "the Zapad (West) exercises".
			if d.is(i-1, ")") && d.is(i-3, "(") && d.nameToken(i-2) {
				if f, t, ok := d.nameBefore(i-3, s.from); ok {
					last = d.exerciseNamed(f, t)
					d.addExerciseName(last, i-2, i-1)
				}
			}
			// Names before the word: "the Zapad-2025 exercise", "Zapad and Kavkaz drills".
			to := i
			for k := 0; k < 3; k++ {
				f, t, ok := d.nameBefore(to, s.from)
				if !ok {
					break
				}
				last = d.exerciseNamed(f, t)
				if !(d.is(f-1, "and") || d.is(f-1, ",")) {
					break
				}
				to = f - 1
			}
			// Names after it: "exercises dubbed Talisman Sabre", "the exercise “Steppe Eagle”".
			j := i + n
			if d.is(j, ",") {
				j++
			}
			if d.is(j, "of") {
				// "the joint naval drill of Iran, Russia and China titled “…”": a naming word
				// after the countries.
				for k := j + 1; k < s.to && k-j <= 8 && !d.quoteAt(k) && !d.endAt(k); k++ {
					if d.inL(k, gazetteer.ListNamingCues) {
						j = k
						break
					}
				}
			}
			cue := false
			switch {
			case d.inL(j, gazetteer.ListNamingCues):
				j++
				cue = true
			case d.is(j, "code"):
				if d.is(j+1, "-") && d.is(j+2, "named") {
					j += 3
					cue = true
				}
			case d.is(j, "known"):
				if d.is(j+1, "as") {
					j += 2
					cue = true
				}
			}
			if f, t, ok := d.nameAt(j, s.to); ok && (cue || d.quoteAt(j) || hasDigit(d.spanText(f, t)) || d.plainName(f, t, i+n-1)) {
				last = d.exerciseNamed(f, t)
			}
			i += n - 1
		}
	}
	d.findYearNames()
	d.findExerciseMentions()
}

// candsIn returns the tokens in [from, to) at which the gazetteer may know a phrase (those
// computeFeatures looked up, d.sc.cand): every token with a feature, or that starts a phrase
// of a list, is one of them, and a loop looking for those need visit no other.
func (d *doc) candsIn(from, to int) []int32 {
	cand := d.sc.cand
	a, _ := slices.BinarySearch(cand, int32(from))
	b, _ := slices.BinarySearch(cand[a:], int32(to))
	return cand[a : a+b]
}

// findYearNames takes a name with a year ("Kalasag-2024", "Cold Fjord 2026") as an exercise
// when exercise words are used in its sentence or the one before, and no event word is beside it:
// "… two separate military exercises. The first, Kalasag-2024, will be held …".
func (d *doc) findYearNames() {
	near := false           // an exercise word in the previous sentence
	cand, c := d.sc.cand, 0 // exercise words are among these tokens (findExercises)
	for _, s := range d.sents {
		here := false
		for c < len(cand) && int(cand[c]) < s.from {
			c++
		}
		for ; c < len(cand) && int(cand[c]) < s.to && !here; c++ {
			here = d.feat[cand[c]].ex > 0
		}
		// A name with a year ends in four digits: most sentences have none.
		if (here || near) && s.to > s.from && hasFourDigits(d.body[d.toks[s.from].b0:d.toks[s.to-1].b1]) {
			for i := s.from; i < s.to; i++ {
				if d.claimed[i] || !d.nameToken(i) || !d.toks[i].Cap() {
					continue
				}
				f, t, ok := d.nameAt(i, s.to)
				if !ok || withoutYear(d.spanText(f, t)) == "" || d.eventLen(t) > 0 {
					i = max(i, t-1)
					continue
				}
				if e, n := d.nameAtTok(f); n > 0 && e.Kind != gazetteer.KindRegion {
					i = t - 1
					continue
				}
				// Only a name set off by commas stands for the drills: "The first, Kalasag-2024,
				// will be held"; "the Vision 2030 plan" is no exercise.
				if !d.is(f-1, ",") || !(d.is(t, ",") || d.endAt(t)) {
					i = t - 1
					continue
				}
				d.exerciseNamed(f, t)
				i = t - 1
			}
		}
		near = here
	}
}

// hasFourDigits reports whether s has four ASCII digits in a row. Four bytes in a row take
// in one whose index is 3 modulo 4: only every fourth byte is looked at, and only around a
// digit among them the run measured.
func hasFourDigits(s string) bool {
	for i := 3; i < len(s); i += 4 {
		if !isDigitByte(s[i]) {
			continue
		}
		a, b := i, i
		for a > i-3 && isDigitByte(s[a-1]) {
			a--
		}
		for b < a+3 && b+1 < len(s) && isDigitByte(s[b+1]) {
			b++
		}
		if b-a == 3 {
			return true
		}
	}
	return false
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// plainName reports whether capitalised words [f, t) right after a singular exercise word at
// w name it: "the joint exercise Yudh Abhyas", but not "the exercise Russia hosts".
func (d *doc) plainName(f, t, w int) bool {
	if d.lo(w) != "exercise" && d.lo(w) != "drill" || f != w+1 {
		return false
	}
	for k := f; k < t; k++ {
		if _, n := d.nameAtTok(k); n > 0 || d.headLen(k) > 0 || d.titleLen(k) > 0 || d.tw(k).Stop {
			return false
		}
		if d.tw(k).Month != 0 {
			return false
		}
		if d.tw(k).IsWeekday {
			return false
		}
	}
	return true
}

// isOrdinal reports whether a word is a numeral ordinal: "43rd", "20th".
func isOrdinal(w string) bool {
	n := len(w)
	if n < 3 || w[0] < '0' || w[0] > '9' {
		return false
	}
	switch w[n-2:] {
	case "st", "nd", "rd", "th":
		for i := 0; i < n-2; i++ {
			if w[i] < '0' || w[i] > '9' {
				return false
			}
		}
		return true
	}
	return false
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// nameAt reads a name at token i: a quoted passage of at most five words, or a run of
// capitalised or numeric words.
func (d *doc) nameAt(i, end int) (int, int, bool) {
	if i >= end {
		return 0, 0, false
	}
	if d.openQuoteAt(i) || d.tx(i) == "\"" {
		for k := i + 1; k < end && k-i <= 6; k++ {
			if d.quoteAt(k) {
				if k > i+1 && d.capName(i+1, k) {
					return i + 1, k, true
				}
				return 0, 0, false
			}
		}
		return 0, 0, false
	}
	k := i
	for k < end && k-i < 5 && d.nameToken(k) {
		k++
	}
	if k == i || d.tw(i).Stop || !hasLetter(d.spanText(i, k)) || d.describing(i, k) {
		return 0, 0, false
	}
	return i, k, true
}

// hasLetter reports whether s has a letter: "7" or "2025" alone is no name.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// nameToken reports whether token k can be part of an exercise or event name.
func (d *doc) nameToken(k int) bool {
	t := d.toks[k]
	return t.Kind == gazetteer.Word && !d.claimed[k] && (t.Cap() || t.IsDigitWord())
}

// capName reports whether tokens [from, to) look like a name: words, the first capitalised.
func (d *doc) capName(from, to int) bool {
	if !d.toks[from].Cap() && !d.toks[from].IsDigitWord() || !hasLetter(d.spanText(from, to)) {
		return false
	}
	for k := from; k < to; k++ {
		if d.toks[k].Kind == gazetteer.Punct && d.tx(k) != "-" {
			return false
		}
	}
	return true
}

// nameBefore reads the name that ends right before token i: quoted, or a capitalised run,
// without leading country names and describing words ("the joint Russian Zapad drills").
func (d *doc) nameBefore(i, start int) (int, int, bool) {
	if i-1 < start {
		return 0, 0, false
	}
	// Describing words may stand between a quoted name and the word: "the “Southern Crane”
	// air drills".
	if q := i; true {
		for k := 0; k < 2 && q-1 > start && !d.toks[q-1].Cap() && d.inL(q-1, gazetteer.ListExerciseModifiers); k++ {
			q--
		}
		if q < i && (d.closeQuoteAt(q-1) || d.tx(q-1) == "\"" || d.tx(q-1) == "'") {
			i = q
		}
	}
	if d.tx(i-1) == "'" && d.closeQuoteAt(i-2) {
		i-- // the outer apostrophe of a doubled closing mark
	}
	if d.closeQuoteAt(i-1) || d.tx(i-1) == "\"" {
		for k := i - 2; k >= start && i-k <= 7; k-- {
			if d.quoteAt(k) {
				if k+1 < i-1 && d.capName(k+1, i-1) {
					return k + 1, i - 1, true
				}
				return 0, 0, false
			}
		}
		return 0, 0, false
	}
	// Describing words may stand between the name and the word: "Cold Fjord 2026 winter exercise".
	for k := 0; k < 2 && i-1 > start && !d.toks[i-1].Cap() && d.inL(i-1, gazetteer.ListExerciseModifiers); k++ {
		i--
	}
	f := i
	for f > start && i-f < 5 && d.nameToken(f-1) {
		f--
	}
	// Leading countries, months and describing words are not part of the name; a region may
	// be ("Pacific Condor").
	for f < i {
		if e, n := d.nameAtTok(f); n > 0 && f+n <= i && e.Kind != gazetteer.KindRegion {
			f += n
			continue
		}
		if n := d.exLen(f); n > 0 && f+n < i {
			f += n // "Exercise Kea Shield" is Kea Shield
			continue
		}
		if w := d.tw(f); w.Month != 0 || w.Stop || f == start && d.inL(f, gazetteer.ListExerciseModifiers) || isOrdinal(d.lo(f)) {
			f++ // "the 43rd Cobra Gold exercise" is Cobra Gold
			continue
		}
		break
	}
	if f == i || d.onlyPlaces(f, i) || !hasLetter(d.spanText(f, i)) || d.describing(f, i) {
		return 0, 0, false
	}
	// A capitalised word alone at a sentence start describes ("Joint drills"), unless it has a year.
	if f == start && i-f == 1 && !hasDigit(d.tx(f)) {
		return 0, 0, false
	}
	if d.headLen(i-1) > 0 || d.titleLen(f) > 0 {
		return 0, 0, false
	}
	return f, i, true
}

// describing reports whether tokens [f, t) are one capitalised word at a sentence's start
// with lower-case parts at most ("Large-scale", "Tactical", "Is"): a word that is capitalised
// because it starts the sentence names nothing, unless it has a digit.
func (d *doc) describing(f, t int) bool {
	if hasDigit(d.spanText(f, t)) {
		return false
	}
	for k := f + 1; k < t; k++ {
		if d.toks[k].Cap() {
			return false
		}
	}
	si := d.sentenceOf(f)
	return si < len(d.sents) && d.sents[si].from == f || d.is(f-1, ":")
}

// appositiveName returns the comma before "the [words] <exercise word>" at i, when a name
// may end there ("Talisman Sabre, the biennial war games"), or 0.
func (d *doc) appositiveName(i, start int) int {
	k := i - 1
	for k > start && i-k <= 3 && d.toks[k].Kind == gazetteer.Word && !d.toks[k].Cap() && !d.is(k, "the") && !d.is(k, "a") {
		k--
	}
	if !(d.is(k, "the") || d.is(k, "a") || d.is(k, "an")) || !d.is(k-1, ",") || k-1 <= start {
		return 0
	}
	return k - 1
}

// onlyPlaces reports whether tokens [f, t) name nothing but places and days: "the Pacific
// exercise", "the Russian-Belarusian drills", "Thursday's drills" have no name.
func (d *doc) onlyPlaces(f, t int) bool {
	for k := f; k < t; k++ {
		if e, n := d.nameAtTok(k); n > 0 && e.Kind == gazetteer.KindRegion {
			k += n - 1
			continue
		}
		if d.tw(k).IsWeekday || d.inL(k, gazetteer.ListExerciseModifiers|gazetteer.ListPlaceModifiers) {
			continue // "Japan-Philippines Bilateral", "East Asian"
		}
		for _, part := range strings.Split(d.tx(k), "-") {
			if !d.g.PlaceWord(part) {
				return false
			}
		}
	}
	return true
}

// exerciseNamed returns the exercise with the name in tokens [f, t), creating it. Callers
// check hasLetter first: a number alone names nothing.
func (d *doc) exerciseNamed(f, t int) *exercise {
	name := d.spanText(f, t)
	key := foldName(name)
	x, ok := d.exByKey[key]
	if !ok {
		x = &exercise{name: name, keys: []string{key}, year: nameYear(name), seq: len(d.exs)}
		d.exByKey[key] = x
		d.exs = append(d.exs, x)
	}
	// "Blue Horizon 2024" is also "Blue Horizon".
	if short := withoutYear(name); short != "" {
		if k := foldName(short); k != "" {
			if _, taken := d.exByKey[k]; !taken {
				d.exByKey[k] = x
				x.keys = append(x.keys, k)
			}
		}
	}
	return x
}

// withoutYear returns a name without its trailing year ("Blue Horizon 2024" → "Blue Horizon"),
// or "" when it has none or nothing else.
//
// It works on bytes: a year is four ASCII digits, and the byte before them a space or a
// hyphen, so the last five runes are the last five bytes.
func withoutYear(name string) string {
	n := len(name)
	if utf8.RuneCountInString(name) < 6 || yearNum(name[n-4:]) == 0 || !(name[n-5] == ' ' || name[n-5] == '-') {
		return ""
	}
	short := strings.TrimSpace(name[:n-5])
	if utf8.RuneCountInString(short) < 3 {
		return ""
	}
	return short
}

// addExerciseName records another name of x ("also known as Zapad-2025").
func (d *doc) addExerciseName(x *exercise, f, t int) {
	name := d.spanText(f, t)
	key := foldName(name)
	other, ok := d.exByKey[key]
	switch {
	case !ok:
		d.exByKey[key] = x
		x.keys = append(x.keys, key)
		if x.year == 0 {
			x.year = nameYear(name)
		}
	case other != x:
		// Two names found apart are one exercise: the one named first absorbs the other.
		keep, drop := other, x
		if x.seq < other.seq {
			keep, drop = x, other
		}
		for _, k := range drop.keys {
			d.exByKey[k] = keep
			keep.keys = append(keep.keys, k)
		}
		if keep.year == 0 {
			keep.year = drop.year
		}
		drop.dropped = true
	}
}

// nameYear returns the year a name carries ("Zapad-2025" → 2025), or 0.
func nameYear(name string) int {
	for _, f := range strings.FieldsFunc(name, func(r rune) bool { return r < '0' || r > '9' }) {
		if y := yearNum(f); y > 0 {
			return y
		}
	}
	return 0
}

// eventName handles a non-exercise event word at i: "the opening ceremony of “Expo-2024”",
// "the Defence-2024 forum". A name with a year or in quotes becomes an event entity.
func (d *doc) eventName(i, n int, s sent) {
	var f, t int
	ok := false
	if d.is(i+n, "of") {
		f, t, ok = d.nameAt(i+n+1, s.to)
	}
	if !ok {
		f, t, ok = d.nameBefore(i, s.from)
	}
	if !ok || (!hasDigit(d.spanText(f, t)) && !(d.quoteAt(f-1) && d.quoteAt(t))) {
		return
	}
	d.buf = appendFolded(d.buf[:0], d.spanText(f, t))
	if _, known := d.exByKey[string(d.buf)]; known { // looked up without a string of its own
		return
	}
	name := d.spanText(f, t)
	e := d.entityNamed(name, facts.Event)
	if d.mention(f, t, e, 0) {
		for k := f; k < t; k++ {
			d.claimed[k] = true
		}
	}
}

// findExerciseMentions marks every occurrence of a known exercise name in one pass over the
// tokens: a run grows one token at a time while its folded text is a prefix of some name.
func (d *doc) findExerciseMentions() {
	if len(d.exs) == 0 {
		return
	}
	// The folded names, sorted: the names a run is a prefix of follow the place where the
	// run itself would go, so one binary search answers whether any name starts with it.
	keys := make([]string, 0, len(d.exByKey))
	var first [256]bool // the first bytes of the names
	for key := range d.exByKey {
		keys = append(keys, key)
		if key != "" {
			first[key[0]] = true
		}
	}
	slices.Sort(keys)
	isPrefix := func(p []byte) bool {
		if len(p) == 0 {
			return false
		}
		k := sort.Search(len(keys), func(k int) bool { return keys[k] >= string(p) })
		return k < len(keys) && len(keys[k]) >= len(p) && keys[k][:len(p)] == string(p)
	}
	toks, claimed := d.toks, d.claimed[:len(d.toks)]
	for i := 0; i < len(toks); i++ {
		// Names start with a capital or a digit; folding other words would be wasted work.
		// (Most tokens fail the first test, made on the token's record in place.)
		if t := &toks[i]; !(t.cap || t.digit) || t.Kind != gazetteer.Word || claimed[i] {
			continue
		}
		// A word that starts with an ASCII letter or digit folds to a run that starts with
		// it in lower case: no name starts so, no run from here can be a name.
		if c := d.body[toks[i].b0]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if !first[c] {
				continue
			}
		}
		acc := d.buf[:0]
		best, bestX := 0, (*exercise)(nil)
		for k := i; k < len(d.toks) && k-i < 6 && d.toks[k].Kind == gazetteer.Word && !d.claimed[k]; k++ {
			if n := len(acc); n > 0 {
				// Words fold one by one, a space between them: the key of the run is Fold of
				// its text.
				if acc = appendFolded(append(acc, ' '), d.tx(k)); len(acc) == n+1 {
					acc = acc[:n] // a word that folds to nothing adds no space
				}
			} else {
				acc = appendFolded(acc, d.tx(k))
			}
			d.buf = acc // keep the grown buffer for the next run
			if !isPrefix(acc) {
				break
			}
			if x, ok := d.exByKey[string(acc)]; ok {
				best, bestX = k+1-i, x
			}
		}
		if bestX == nil {
			continue
		}
		name := d.spanText(i, i+best)
		bestX.mentions = append(bestX.mentions, span{i, i + best})
		if name != bestX.name && !contains(bestX.aliases, name) {
			bestX.aliases = append(bestX.aliases, name)
		}
		for k := i; k < i+best; k++ {
			d.claimed[k] = true
		}
		i += best - 1
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// describeExercises reads the sentences about each exercise (those naming it, and those
// referring back to it as "the exercise") for its host, participants, period and purpose.
func (d *doc) describeExercises() {
	if len(d.exs) == 0 {
		return
	}
	// Per token, the exercise a mention of which covers it: index+1 into d.exs, 0 for none
	// (numbers, not pointers, so that the collector has nothing to scan).
	exAt := d.exAt
	for n, x := range d.exs {
		if x.dropped {
			continue
		}
		for _, m := range x.mentions {
			for k := m.from; k < m.to; k++ {
				exAt[k] = int32(n + 1)
			}
		}
	}
	var last *exercise
	lastPara, lastSent := -1, -1
	var about []*exercise // reused: describe keeps none of it
	for si, s := range d.sents {
		about = about[:0]
		for _, n := range exAt[s.from:s.to] {
			if n > 0 && !containsEx(about, d.exs[n-1]) {
				about = append(about, d.exs[n-1])
			}
		}
		named := len(about) > 0
		switch {
		case len(about) > 0:
		case last != nil && s.para-lastPara <= 2 && d.refersBack(s):
			about = append(about, last)
		case last != nil && si-lastSent <= 2 && d.takesPart(s):
			// "Navies from Nigeria, Ghana, Benin and Togo will take part, he said."
			about = append(about, last)
		case last != nil && si-lastSent == 1 && (d.is(s.from, "it") || d.is(s.from, "they")):
			// "It runs from 2 to 13 June."
			about = append(about, last)
		case last == nil && d.mentionsExercise(s):
			// Drills spoken of before their name is given: the next named exercise, if it
			// comes within two sentences.
			for k := si + 1; k < len(d.sents) && k-si <= 2; k++ {
				if x := d.firstExerciseIn(d.sents[k], exAt); x != nil {
					about = append(about, x)
					break
				}
			}
		}
		for _, x := range about {
			d.describe(x, s, named)
		}
		if len(about) > 0 {
			last = about[len(about)-1]
			lastPara, lastSent = s.para, si
		}
	}
	for _, x := range d.exs {
		if x.host == nil {
			x.host = x.weakHost
		}
		// The host country takes part in what it hosts.
		if x.host != nil && x.host.typ == facts.Country && !containsEnt(x.participants, x.host) {
			x.participants = append(x.participants, x.host)
		}
	}
}

// takesPart reports whether a sentence speaks of joining, without naming what in: a word of
// data/words/joining_words.txt ("will take part", "train alongside", "joined by").
func (d *doc) takesPart(s sent) bool {
	for i := s.from; i < s.to; i++ {
		if !d.inL(i, gazetteer.ListJoiningWords) {
			continue
		}
		if d.lo(i) != "part" {
			return true
		}
		if p := d.lo(i - 1); p == "take" || p == "takes" || p == "took" || p == "taking" {
			return true
		}
	}
	return false
}

// mentionsExercise reports whether a sentence uses an exercise word.
func (d *doc) mentionsExercise(s sent) bool {
	for i := s.from; i < s.to; i++ {
		if d.feat[i].ex > 0 {
			return true
		}
	}
	return false
}

func (d *doc) firstExerciseIn(s sent, exAt []int32) *exercise {
	for i := s.from; i < s.to; i++ {
		if exAt[i] > 0 {
			return d.exs[exAt[i]-1]
		}
	}
	return nil
}

func containsEx(xs []*exercise, x *exercise) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// refersBack reports whether a sentence speaks of "the exercise", "these drills" and the like.
func (d *doc) refersBack(s sent) bool {
	for _, c := range d.candsIn(s.from, s.to) { // exercise words are among them
		i := int(c)
		if n := d.feat[i].ex; n > 0 && !d.toks[i].Cap() || n > 0 && i == s.from+1 {
			for k := i - 1; k >= s.from && i-k <= 5; k-- {
				switch d.lo(k) {
				case "the", "these", "this", "those", "such":
					return true
				}
			}
		}
	}
	return false
}

// countryOf returns the country an entity stands for in a list of participants: itself for a
// country, the country of an organization, if that country is in the document.
func (d *doc) countryOf(e *ent) *ent {
	switch e.typ {
	case facts.Country:
		return e
	case facts.Organization:
		if e.country == "" {
			return nil // "(Reuters)" takes no part in an exercise
		}
		if c, ok := d.byID[e.country]; ok {
			return c
		}
		return e
	case facts.Location:
		// A capital named as a place stands for its country when the country is in the text.
		if c, ok := d.byID[e.country]; ok && e.country != "" {
			return c
		}
	}
	return nil
}

// describe reads one sentence about exercise x.
func (d *doc) describe(x *exercise, s sent, named bool) {
	hostTok := -1
	// The host: "hosted by X", "held in X", "troops to X", "X will host", "the exercise in X".
	for i := s.from; i < s.to && x.host == nil; i++ {
		// The words looked for are in the host cue lists: any other word is let go at its
		// list bits, read once per token.
		cues := d.lw(i).Lists & gazetteer.ListHostCues
		if cues == 0 {
			continue
		}
		var at int = -1
		switch {
		case cues&gazetteer.ListHostByPrepositions != 0:
			if d.inL(i-1, gazetteer.ListHostByVerbs) {
				at = i + 1
			}
		case cues&gazetteer.ListHostPlacePrepositions != 0:
			if d.inL(i-1, gazetteer.ListHostVerbs) || (i > s.from && d.exLen(i-1) > 0) || (i > s.from && d.claimed[i-1]) {
				at = i + 1
			}
		case cues&gazetteer.ListHostDirectionPrepositions != 0:
			for k := i - 1; k >= s.from && i-k <= 2; k-- {
				if d.inL(k, gazetteer.ListTroopWords) {
					at = i + 1
				}
			}
		case cues&(gazetteer.ListHostSubjectVerbs|gazetteer.ListHoldVerbs) != 0:
			if d.inL(i, gazetteer.ListHostByVerbs) && d.inL(i+1, gazetteer.ListHostByPrepositions) {
				continue // "hosted by X": X is the host, found at "by"
			}
			// "Latvia hosts", "Latvia is hosting", "Thailand will host", "Latvia has also
			// hosted", "Azerbaijan will hold" (one country: "Russia and China will hold"
			// names no host).
			k := i - 1
			for k > s.from && i-k <= 2 && d.inL(k, gazetteer.ListAuxiliaries) {
				k--
			}
			if m, ok := d.mentionAt(k); ok && m.e.typ == facts.Country && !(cues&gazetteer.ListHoldVerbs != 0 && (d.is(m.from-1, "and") || d.is(m.from-1, ","))) {
				x.host = m.e
				hostTok = m.from
			}
		}
		weak := false
		if at < 0 && cues&gazetteer.ListWeakHostPrepositions != 0 && named && x.weakHost == nil && !d.attrib[i] {
			// Any "in <country>" in a sentence naming the exercise, if nothing better turns up.
			at, weak = i+1, true
		}
		if at < 0 {
			continue // nothing named here
		}
		if d.is(at, "the") {
			at++
		}
		if at >= 0 && at < s.to && d.inL(at, gazetteer.ListPlaceModifiers) {
			at++ // "in northern Norway"
		}
		if weak {
			if m, ok := d.mentionAt(at); ok && at < s.to {
				if c := d.countryOf(m.e); c != nil && c.typ == facts.Country {
					x.weakHost = c
				}
			}
			continue
		}
		if m, ok := d.mentionAt(at); ok && at >= 0 && at < s.to {
			if c := d.countryOf(m.e); c != nil && c.typ == facts.Country {
				x.host = c
				hostTok = m.from
			}
			// A sea, base or region is where an exercise is held, not who holds it.
		}
	}
	// Participants: in a sentence that speaks of taking part, every country named outside the
	// attribution and the host phrase.
	cue := false
	for i := s.from; i < s.to && !cue; i++ {
		// participationCue wants a participation word: the list is asked here, in the loop.
		cue = d.g.Info(d.lid[i]).Lists&gazetteer.ListParticipation != 0 && d.participationCue(i, s.to)
	}
	if cue {
		for i := s.from; i < s.to; i++ {
			if d.is(i, ",") && d.clauseAfterComma(i) && !d.inL(i+1, gazetteer.ListParticipation) && d.lo(i+1) != "which" && d.lo(i+1) != "who" && d.lo(i+1) != "and" {
				break // ", prompting a sharp warning from North Korea", ", as North Korea warned"
			}
			m, ok := d.mentionAt(i)
			if !ok || m.from != i || d.attrib[i] || i == hostTok || d.inL(i-1, gazetteer.ListTargetPrepositions) || d.inL(m.to, gazetteer.ListBorderNouns) {
				continue
			}
			if m.e.typ == facts.Location || d.observerNear(m.from, m.to, s) {
				continue // "a signal to Beijing", "observers from Brazil" make no one a participant
			}
			if c := d.countryOf(m.e); c != nil && !containsEnt(x.participants, c) {
				x.participants = append(x.participants, c)
			}
		}
	}
	year := x.year
	if year == 0 && d.meta.PublishedAt != nil {
		year = d.meta.PublishedAt.Year
	}
	if p, rank := d.period(s.from, s.to, year); p != nil && x.period != nil && d.endsAt(s) && x.period.Start.Before(p.End) {
		// "The exercise ends on Oct. 3." moves the end of a period that began earlier.
		x.period.End = p.End
	} else if p != nil && (x.period == nil || rank > x.periodRank) {
		x.period, x.periodRank = p, rank
	}
	if x.purpose == "" {
		for _, c := range d.candsIn(s.from, s.to) { // purpose cues are among them
			i := int(c)
			if d.g.Info(d.lid[i]).Starts&gazetteer.StartsCue == 0 {
				continue // purposeCue's first test, made here in the loop
			}
			if n := d.purposeCue(i); n > 0 {
				j := i + n
				k := j
				for k < s.to && d.tx(k) != "," && d.tx(k) != ";" && !d.endAt(k) && !d.quoteAt(k) {
					k++
				}
				if d.words(j, k) >= 2 {
					x.purpose = d.spanText(j, k)
				}
				break
			}
		}
	}
}

// observerNear reports whether a mention [from, to) is one of the observers of an exercise:
// "observers from Brazil", "Japan will send observers".
func (d *doc) observerNear(from, to int, s sent) bool {
	for k := max(s.from, from-3); k < min(s.to, to+4); k++ {
		if d.inL(k, gazetteer.ListObserverWords) {
			return true
		}
	}
	return false
}

// endsAt reports whether a sentence gives the end of something: "ends on", "runs until".
func (d *doc) endsAt(s sent) bool {
	for i := s.from; i < s.to; i++ {
		if d.inL(i, gazetteer.ListEndWords) {
			return true
		}
	}
	return false
}

// participationCue reports whether token i says that someone takes part: a participation
// word that is not negated ("is not taking part") and does not send mere observers.
func (d *doc) participationCue(i, end int) bool {
	if !d.inL(i, gazetteer.ListParticipation) {
		return false
	}
	for k := i - 1; k >= 0 && i-k <= 2; k-- {
		if d.inL(k, gazetteer.ListNegations) {
			return false
		}
	}
	for k := i + 1; k < end && k-i <= 4; k++ {
		if d.inL(k, gazetteer.ListNonParticipantWords) {
			return false
		}
	}
	return true
}

func containsEnt(es []*ent, e *ent) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// exerciseList turns the exercises into output, in order of first mention.
func (d *doc) exerciseList() []facts.Exercise {
	xs := d.sc.xs[:0]
	nm, np := 0, 0
	for _, x := range d.exs {
		if len(x.mentions) > 0 && !x.dropped {
			xs = append(xs, x)
			nm, np = nm+len(x.mentions), np+len(x.participants)
		}
	}
	sortByFirst(xs)
	// The exercises' mention and participant lists are parts of one array each, capped at
	// their length: two allocations instead of two per exercise. None is nil, which JSON
	// writes as [].
	out := make([]facts.Exercise, 0, len(xs))
	spans, partBuf := make([]facts.Span, 0, nm), make([]string, 0, np)
	for _, x := range xs {
		from := len(spans)
		for _, m := range x.mentions {
			spans = append(spans, d.spanOf(m.from, m.to))
		}
		ms := spans[from:len(spans):len(spans)]
		host := ""
		if x.host != nil && len(x.host.mentions) > 0 {
			host = x.host.id
		}
		from = len(partBuf)
		for _, p := range x.participants {
			if len(p.mentions) > 0 {
				partBuf = append(partBuf, p.id)
			}
		}
		parts := partBuf[from:len(partBuf):len(partBuf)]
		aliases := x.aliases
		if aliases == nil {
			aliases = []string{}
		}
		out = append(out, facts.Exercise{
			ID: slug(x.name), Name: x.name, Aliases: aliases, HostID: host, ParticipantIDs: parts,
			Period: x.period, Purpose: x.purpose, Mentions: ms,
		})
	}
	d.sc.xs = zeroed(xs)
	return out
}

func sortByFirst(xs []*exercise) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j].mentions[0].from < xs[j-1].mentions[0].from; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}
