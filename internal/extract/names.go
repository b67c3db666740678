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
	name     string
	aliases  []string
	keys     []string // folded names, to match later mentions
	mentions []span
	year     int
	seq      int  // order of discovery: of two names found to be one, the first wins
	dropped  bool // merged into another exercise
}

// foldName is facts.Fold, the key under which exercises are matched: "Kestrel-2031" and
// "Kestrel 2031" are one name.
func foldName(s string) string {
	var room [64]byte // most names fit: folded on the stack, then copied once
	return string(appendFolded(room[:0], s))
}

// appendFolded appends facts.Fold(s) to b, through facts.AppendFoldASCII for ASCII, nearly
// every name.
func appendFolded(b []byte, s string) []byte {
	if f, ok := facts.AppendFoldASCII(b, s); ok {
		return f
	}
	return append(b, facts.Fold(s)...)
}

// readNames is the names stage: it reads the text and returns the names it finds.
func readNames(t *text) *names {
	sc, n := t.sc, len(t.toks)
	d := &sc.names
	*d = nameStage{text: t, names: names{claimed: sc.flags[:n:n], exByKey: sc.exByKey}}
	if d.exByKey == nil {
		d.exByKey = map[string]*exercise{}
	}
	d.findExercises()
	return &d.names
}

// findExercises finds exercise names beside exercise words, their aliases ("also known as"),
// and every later mention of a known name; it also sets aside event names ("the opening
// ceremony of “Expo-2024”") so that they are not read as exercises or people.
func (d *nameStage) findExercises() {
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
				// A title: "exercise director"; "the exercise director of Arctic Lynx 26"
				// names the exercise when the name has a number.
				if k := i + int(f.title); d.inR(k, gazetteer.RoleComplementPrepositions) {
					if f, t, ok := d.nameAt(k+1, s.to); ok && f == k+1 && hasDigit(d.spanText(f, t)) {
						last = d.exerciseNamed(f, t)
					}
				}
				continue
			}
			if n == 0 {
				if k := d.g.AliasCueAt(d.lid, i); last != nil && k > 0 && !last.dropped {
					if f, t, ok := d.nameAt(i+k, s.to); ok {
						d.addExerciseName(last, f, t)
					}
				}
				continue
			}
			// "Talisman Sabre, the biennial war games": a name set off before "the … exercise".
			if k := d.appositiveName(i, s.from); k > 0 && !d.modifiesNoun(i+n) {
				if f, t, ok := d.nameBefore(k, s.from); ok && !d.siteName(f, t) {
					last = d.exerciseNamed(f, t)
				} else if a := k - 1; d.is(a, ")") {
					// "Open Amber Operations (OPAMBER 26), a two-week … exercise": the name
					// before its short form in brackets, which names it too.
					o := a - 1
					for o > s.from && a-o <= 3 && !d.is(o, "(") {
						o--
					}
					if d.is(o, "(") && o+1 < a && shortFormWord(d.tx(o+1)) {
						if f, t, ok := d.nameBefore(o, s.from); ok && t == o {
							last = d.exerciseNamed(f, t)
							d.addExerciseName(last, o+1, a)
						}
					}
				}
			}
			// A translation in brackets: "the Zapad (West) exercises"; not an organization's
			// short form ("a series of East African Community (EAC) exercises").
			if d.is(i-1, ")") && d.is(i-3, "(") && d.nameToken(i-2) && !d.initialsBefore(i-3, d.tx(i-2), s.from) {
				if f, t, ok := d.nameBefore(i-3, s.from); ok {
					last = d.exerciseNamed(f, t)
					d.addExerciseName(last, i-2, i-1)
				}
			}
			// A short form in brackets after the word: "the Bay of Bengal Maritime Exercise
			// (BOBMEX)".
			// The capitalised word is then part of the name.
			if a := i + d.exLen(i); d.toks[i].Cap() && d.is(a, "(") && d.is(a+2, ")") && d.toks[a+1].Kind == gazetteer.Word && shortFormWord(d.tx(a+1)) {
				f := i
				for f-1 > s.from && i-f < 6 {
					if d.toks[f-1].Kind == gazetteer.Word && d.toks[f-1].Cap() && !d.claimed[f-1] && !d.tw(f-1).Stop {
						f--
					} else if f-2 > s.from && d.inR(f-1, gazetteer.RoleComplementPrepositions) && d.toks[f-2].Cap() && d.inL(f-2, gazetteer.ListLocationHeads) {
						f -= 2
					} else {
						break
					}
				}
				if f < i && !d.claimed[a+1] {
					last = d.exerciseNamed(f, a)
					d.addExerciseName(last, a+1, a+2)
				}
			}
			// Names before the word: "the Zapad-2025 exercise", "Zapad and Kavkaz drills".
			to := i
			for k := 0; k < 3; k++ {
				f, t, ok := d.nameBefore(to, s.from)
				if !ok {
					break
				}
				// "PACREX 26, the Pacific Reach Exercise": a name with a number or in
				// capitals set off before is the same exercise, and named first.
				if k == 0 && d.inL(f-1, gazetteer.ListDefiniteArticles) && d.is(f-2, ",") {
					if f2, t2, ok := d.nameBefore(f-2, s.from); ok && t2 == f-2 && (hasDigit(d.spanText(f2, t2)) || allCaps(d.tx(f2))) {
						d.addExerciseName(d.exerciseNamed(f2, t2), f, t)
					}
				}
				last = d.exerciseNamed(f, t)
				if !(d.inR(f-1, gazetteer.RoleListConjunctions) || d.is(f-1, ",")) {
					break
				}
				to = f - 1
			}
			// Names after it: "exercises dubbed Talisman Sabre", "the exercise “Steppe Eagle”".
			j := i + n
			if d.is(j, ",") {
				j++
			}
			if d.inR(j, gazetteer.RoleComplementPrepositions) {
				// "the joint naval drill of Iran, Russia and China titled “…”": a naming word
				// after the countries.
				for k := j + 1; k < s.to && k-j <= 10 && !d.endAt(k); k++ {
					if d.g.NamingCueAt(d.lid, k) > 0 {
						j = k
						break
					}
					// "The joint exercise of the Collective Rapid Reaction Forces of the CSTO
					// “Steppe Tern-2027”": a quoted name after the owner.
					if d.quoteAt(k) {
						j = k
						break
					}
				}
			}
			cue, local := false, false
			if k := d.g.NamingCueAt(d.lid, j); k > 0 {
				j += k
				cue = true
			} else if d.inTerm(j, gazetteer.TermNamingParticiples) {
				// "known in Indonesia as Latihan Karang Garuda": a place between.
				for k := j + 1; k < s.to && k-j <= 4 && !d.is(k, ","); k++ {
					if d.inTerm(k, gazetteer.TermRolePrepositions) {
						j, cue, local = k+1, true, true
						break
					}
				}
			}
			// "The exercise, known in Indonesia as …": another name for the exercise named before.
			if f, t, ok := d.nameAt(j, s.to); ok && local && last == nil && d.inR(i-1, gazetteer.RoleAnaphoricDeterminers) {
				if prev := d.latestExercise(); prev != nil {
					d.addExerciseName(prev, f, t)
					i += n - 1
					continue
				}
			}
			if f, t, ok := d.nameAt(j, s.to); ok && cue && last != nil && !last.dropped && d.is(i+n, ",") {
				// "the Coral Tern naval exercise, known locally as Karang Tern,": another name
				// for the one just named.
				d.addExerciseName(last, f, t)
			} else if ok && (cue || d.quoteAt(j) || hasDigit(d.spanText(f, t)) || d.plainName(f, t, i+n-1) || d.setOffName(f, t, i+n-1)) {
				last = d.exerciseNamed(f, t)
			} else if f, t, ok := d.setOffAfterTail(i+n-1, s); ok {
				last = d.exerciseNamed(f, t)
			}
			i += n - 1
		}
	}
	d.findYearNames()
	d.findAbbreviatedNames()
	d.findAlternativeNames()
	d.findExerciseMentions()
	d.findTranslations()
	d.claimShips()
}

// claimShips marks the names of ships as no entity's: the capitalised words after a prefix
// of data/words/ship_prefixes.txt ("HMAS Warrego", "USS George H.W. Bush").
func (d *nameStage) claimShips() {
	for i := range d.toks {
		if d.tw(i).Lists&gazetteer.ListShipPrefixes == 0 || !d.tok(i+1).Cap() || d.toks[i+1].Kind != gazetteer.Word {
			continue
		}
		k := i + 1
		// "HMS Prince of Wales": "of" between capitalised words is part of the name.
		for k < len(d.toks) && k-i <= 5 && (d.toks[k].Kind == gazetteer.Word && (d.toks[k].Cap() || d.toks[k].IsDigitWord()) || d.abbrevDot(k) ||
			k > i+1 && d.inR(k, gazetteer.RoleComplementPrepositions) && !d.toks[k].Cap() && d.tok(k+1).Cap() && d.toks[k+1].Kind == gazetteer.Word) {
			d.claimed[k] = true
			k++
		}
	}
}

// findTranslations adds the name in brackets after a mention of an exercise as another of
// its names: "“Tridente Austral 2026” (Southern Trident 2026)".
func (d *nameStage) findTranslations() {
	for _, x := range d.exs {
		if x.dropped {
			continue
		}
		for _, m := range x.mentions {
			k := m.to
			if d.quoteAt(k) {
				k++
			}
			// "Simba Umoja, Swahili for “Lion Unity”,": a translation set off after the name.
			closing := ")"
			if d.is(k, ",") && k+3 < len(d.toks) && d.toks[k+1].Cap() && d.inTerm(k+2, gazetteer.TermTranslationPrepositions) && d.quoteAt(k+3) {
				k, closing = k+3, ""
			} else if !d.is(k, "(") {
				continue
			}
			f := k + 1
			t := f
			for t < len(d.toks) && t-f < 5 && d.nameToken(t) {
				t++
			}
			if t == f || !(closing == "" && d.quoteAt(t) || closing != "" && d.is(t, closing)) || !d.capName(f, t) {
				continue
			}
			name := d.spanText(f, t)
			if name != x.name && !contains(x.aliases, name) {
				x.aliases = append(x.aliases, name)
			}
			x.mentions = append(x.mentions, span{f, t})
			for i := f; i < t; i++ {
				d.claimed[i] = true
			}
			break
		}
	}
}

// findAbbreviatedNames finds the names after a short form of "Exercise" of
// data/words/exercise_abbreviations.txt: "Ex Neel-Kamal", "Ex. Cope Tiger". The short form
// is part of the mention but not of the name.
func (d *nameStage) findAbbreviatedNames() {
	for _, s := range d.sents {
		for i := s.from; i+1 < s.to; i++ {
			if !d.inT(i, gazetteer.ListExerciseAbbreviations) || d.claimed[i] {
				continue
			}
			j := i + 1
			if d.is(j, ".") {
				j++
			}
			if f, t, ok := d.nameAt(j, s.to); ok && f == j && !d.onlyPlaces(f, t) {
				d.exerciseNamed(f, t)
			}
		}
	}
}

// candsIn returns the tokens in [from, to) at which the gazetteer may know a phrase (those
// computeFeatures looked up, d.sc.cand): every token with a feature, or that starts a phrase
// of a list, is one of them, and a loop looking for those need visit no other.
func (d *text) candsIn(from, to int) []int32 {
	cand := d.sc.cand
	a, _ := slices.BinarySearch(cand, int32(from))
	b, _ := slices.BinarySearch(cand[a:], int32(to))
	return cand[a : a+b]
}

// findYearNames takes a name with a year ("Kalasag-2024", "Cold Fjord 2026") as an exercise
// when exercise words are used in its sentence or the one before, and no event word is beside it:
// "… two separate military exercises. The first, Kalasag-2024, will be held …".
func (d *nameStage) findYearNames() {
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
				// will be held"; "the Vision 2030 plan" is no exercise; or one right after a verb
				// of holding or joining in a sentence with an exercise word ("Ghana and Togo
				// began Talisman Tern 2025 on Monday").
				verb := here && f > s.from && t-f >= 3 && d.exLen(f) == 0 && !d.toks[f-1].Cap() && d.inL(f-1, gazetteer.ListParticipation) && !d.inL(f-1, gazetteer.ListTroopWords)
				if !verb && (!d.is(f-1, ",") || !(d.is(t, ",") || d.endAt(t))) {
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
func (d *nameStage) plainName(f, t, w int) bool {
	if !d.inR(w, gazetteer.RoleExerciseNouns) || f != w+1 {
		return false
	}
	return d.plainWords(f, t)
}

// plainWords reports whether tokens [f, t) are words that name nothing else: no country or
// other known name but a region, not only places, no head of an organization's or a place's
// name, no title, stop word, month or weekday.
func (d *nameStage) plainWords(f, t int) bool {
	if d.onlyPlaces(f, t) {
		return false // "the exercise Pacific" names no exercise
	}
	for k := f; k < t; k++ {
		// A region may be part of a name ("Exercise Pacific Tern", "Baltic Operations").
		if e, n := d.nameAtTok(k); n > 0 && e.Kind != gazetteer.KindRegion || d.headLen(k) > 0 || d.titleLen(k) > 0 || d.tw(k).Stop {
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

// siteName reports whether tokens [f, t) are a place rather than a name set off before an
// exercise word: after "at" ("from the 2nd Marine Division at Camp Lejeune, the exercise
// was"), or led by a place's head word ("Camp Lejeune", "Fort Kestrel").
func (d *nameStage) siteName(f, t int) bool {
	return d.inR(f-1, gazetteer.RoleSitePrepositions) || t-f > 1 && d.toks[f].Cap() && d.inL(f, gazetteer.ListLocationHeads)
}

// initialsBefore reports whether w, a word in capitals, is made of the initials of the
// capitalised words right before token i: "East African Community (EAC)", "Ministry of
// National Defence (MND)". Such a word in brackets is a short form, not a translation.
func (d *nameStage) initialsBefore(i int, w string, start int) bool {
	if !allCaps(w) || len(w) < 2 {
		return false
	}
	n := len(w)
	for k := i - 1; k >= start && n > 0; k-- {
		t := d.toks[k]
		if t.Kind != gazetteer.Word {
			return false
		}
		if !t.Cap() {
			if d.inL(k, gazetteer.ListArticles) || d.inR(k, gazetteer.RoleComplementPrepositions|gazetteer.RoleListConjunctions) {
				continue // "of", "the", "and"
			}
			return false
		}
		c := d.tx(k)[0]
		if c != w[n-1] {
			return false
		}
		n--
	}
	return n == 0
}

// setOffName reports whether capitalised words [f, t), set off by commas right after "the
// <exercise word>", name it: "The exercise, Hwarang Thunder, will run", but not "The exercise,
// Kim said, will run" nor "the drills, Russia and China".
func (d *nameStage) setOffName(f, t, w int) bool {
	if !d.inR(w, gazetteer.RoleExerciseNouns) || !d.is(w+1, ",") || f != w+2 || !d.is(t, ",") || d.verbLen(t+1) > 0 {
		return false
	}
	// The article, directly or past describing words in lower case: "the exercise", "a
	// two-week joint exercise".
	a := w - 1
	for a > 0 && w-a <= 4 && !d.inL(a, gazetteer.ListArticles) && d.toks[a].Kind != gazetteer.Possessive && (d.toks[a].Kind == gazetteer.Word && !d.toks[a].Cap() || d.joiningHyphen(a)) {
		a--
	}
	if !d.inL(a, gazetteer.ListArticles) {
		return false
	}
	return d.plainWords(f, t)
}

// findAlternativeNames finds another name in capitals set off after an exercise's name:
// "Baltic Operations 2025, or BALTOPS, began".
func (d *nameStage) findAlternativeNames() {
	if len(d.exs) == 0 || !d.mayHaveAlternative() {
		return
	}
	for i := 2; i+2 < len(d.toks); i++ {
		if !d.inTerm(i, gazetteer.TermAlternativeConjunctions) || !d.is(i-1, ",") || !shortFormWord(d.tx(i+1)) || !(d.is(i+2, ",") || d.endAt(i+2)) {
			continue
		}
		// The name before the comma, one of the exercises'.
		f := i - 2
		for f > 0 && i-1-f < 6 && d.toks[f-1].Kind == gazetteer.Word && (d.toks[f-1].Cap() || d.toks[f-1].IsDigitWord()) {
			f--
		}
		for ; f < i-1; f++ {
			if x, ok := d.exByKey[foldName(d.spanText(f, i-1))]; ok && !x.dropped {
				d.addExerciseName(x, i+1, i+2)
				break
			}
		}
	}
}

// mayHaveAlternative reports whether the body has a comma, a space and a word of
// alternative_conjunctions.txt: most texts have none, and are let go with a search or two of
// the body instead of a look at every token.
func (d *nameStage) mayHaveAlternative() bool {
	for _, w := range d.g.TermWords(gazetteer.TermAlternativeConjunctions) {
		if strings.Contains(d.body, ", "+w+" ") {
			return true
		}
	}
	return false
}

// latestExercise returns the exercise named last so far (the names stage finds names in
// text order), or nil.
func (d *nameStage) latestExercise() *exercise {
	for k := len(d.exs) - 1; k >= 0; k-- {
		if !d.exs[k].dropped {
			return d.exs[k]
		}
	}
	return nil
}

// setOffAfterTail returns capitalised words set off by commas after a singular exercise word
// at w and a short phrase in lower case that begins with a complement preposition:
// "Estonia's largest military exercise of the year, Spring Storm, began on Monday".
func (d *nameStage) setOffAfterTail(w int, s sent) (int, int, bool) {
	j := w + 1
	if !d.inR(w, gazetteer.RoleExerciseNouns) || !d.inR(j, gazetteer.RoleComplementPrepositions) {
		return 0, 0, false
	}
	k := j + 1
	for k < s.to && k-j <= 3 && d.toks[k].Kind == gazetteer.Word && !d.toks[k].Cap() {
		k++
	}
	if k == j+1 || !d.is(k, ",") {
		return 0, 0, false
	}
	f, t, ok := d.nameAt(k+1, s.to)
	if !ok || f != k+1 || !d.is(t, ",") || d.verbLen(t+1) > 0 || !d.plainWords(f, t) {
		return 0, 0, false
	}
	return f, t, true
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
func (d *nameStage) nameAt(i, end int) (int, int, bool) {
	if i >= end {
		return 0, 0, false
	}
	if d.is(i, "'") && d.is(i+1, "'") && d.toks[i+1].Start == d.toks[i].End {
		// Doubled apostrophes, as some papers print quotation marks: "''Caspian Shield-2026''".
		for k := i + 2; k+1 < end && k-i <= 8; k++ {
			if d.is(k, "'") && d.is(k+1, "'") {
				if k > i+2 && d.capName(i+2, k) {
					return i + 2, k, true
				}
				return 0, 0, false
			}
		}
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
func (d *nameStage) nameToken(k int) bool {
	t := d.toks[k]
	return t.Kind == gazetteer.Word && !d.claimed[k] && (t.Cap() || t.IsDigitWord())
}

// capName reports whether tokens [from, to) look like a name: words, the first capitalised.
func (d *text) capName(from, to int) bool {
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
func (d *nameStage) nameBefore(i, start int) (int, int, bool) {
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
	// Describing words may stand between the name and the word: "Cold Fjord 2026 winter
	// exercise", "the Dynamic Tern anti-submarine exercise" (a compound in lower case).
	for k := 0; k < 2 && i-1 > start && !d.toks[i-1].Cap(); k++ {
		if c := d.lowerCompound(i-1, start); c < i-1 {
			i = c
			continue
		}
		if !d.inL(i-1, gazetteer.ListExerciseModifiers) {
			break
		}
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
	if f == i || d.onlyPlaces(f, i) || !hasLetter(d.spanText(f, i)) || d.describing(f, i) || lowerTail(d.tx(i-1)) {
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

// lowerTail reports whether a word ends in a hyphen and a part in lower case: "Medusa-style",
// "Soviet-era" describe the drills after them and name none.
func lowerTail(w string) bool {
	h := strings.LastIndexByte(w, '-')
	if h <= 0 || h == len(w)-1 {
		return false
	}
	for _, r := range w[h+1:] {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// lowerCompound returns the first token of the hyphenated lower-case word that ends at token
// k ("anti-submarine", "search-and-rescue"), which describes what follows it; k when token k
// ends none.
func (d *nameStage) lowerCompound(k, start int) int {
	f := k
	for f-2 >= start && d.joiningHyphen(f-1) && d.toks[f].Kind == gazetteer.Word && !d.toks[f].Cap() && !d.toks[f].IsDigitWord() &&
		d.toks[f-2].Kind == gazetteer.Word && !d.toks[f-2].Cap() && !d.toks[f-2].IsDigitWord() {
		f -= 2
	}
	return f
}

// describing reports whether tokens [f, t) are one capitalised word at a sentence's start
// with lower-case parts at most ("Large-scale", "Tactical", "Is"): a word that is capitalised
// because it starts the sentence names nothing, unless it has a digit.
func (d *nameStage) describing(f, t int) bool {
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

// modifiesNoun reports whether token i, right after an exercise word, is a lower-case noun
// the word modifies: a title, an organization's head or a place's ("the exercise commander",
// "the exercise headquarters", "the exercise area").
func (d *nameStage) modifiesNoun(i int) bool {
	t := d.tok(i)
	return t.Kind == gazetteer.Word && !t.Cap() && (d.titleLen(i) > 0 || d.headLen(i) > 0 || d.inL(i, gazetteer.ListLocationHeads))
}

// joiningHyphen reports whether token k is a hyphen written between two words ("two-week").
func (d *nameStage) joiningHyphen(k int) bool {
	return k > 0 && k+1 < len(d.toks) && d.is(k, "-") && d.toks[k].Start == d.toks[k-1].End && d.toks[k+1].Start == d.toks[k].End
}

// appositiveName returns the comma before "the [words] <exercise word>" at i, when a name
// may end there ("Talisman Sabre, the biennial war games", "Iron Mirage 26, its annual
// large-force employment exercise"), or 0.
func (d *nameStage) appositiveName(i, start int) int {
	k := i - 1
	// Up to three words, a hyphenated one counting as one: "a two-week mine countermeasures".
	for words := 0; k > start; k-- {
		if d.joiningHyphen(k) {
			continue
		}
		if d.toks[k].Kind != gazetteer.Word || d.toks[k].Cap() || d.inL(k, gazetteer.ListArticles|gazetteer.ListPossessiveDeterminers) {
			break
		}
		if !d.joiningHyphen(k + 1) {
			if words == 3 {
				break
			}
			words++
		}
	}
	if k > start && d.toks[k].Kind == gazetteer.Possessive {
		// "Steadfast Tern 24, NATO's largest exercise since the Cold War": the owner's name
		// stands where the article would.
		o := k - 1
		for o > start && k-o <= 4 && d.toks[o].Kind == gazetteer.Word && d.toks[o].Cap() {
			o--
		}
		if o < k-1 && d.is(o, ",") && o > start {
			return o
		}
		return 0
	}
	if !d.inL(k, gazetteer.ListArticles|gazetteer.ListPossessiveDeterminers) || !d.is(k-1, ",") || k-1 <= start {
		return 0
	}
	return k - 1
}

// onlyPlaces reports whether tokens [f, t) name nothing but places and days: "the Pacific
// exercise", "the Russian-Belarusian drills", "Thursday's drills" have no name.
func (d *text) onlyPlaces(f, t int) bool {
	for k := f; k < t; k++ {
		if e, n := d.nameAtTok(k); n > 0 && e.Kind == gazetteer.KindRegion {
			k += n - 1
			continue
		}
		if d.tw(k).IsWeekday || d.inL(k, gazetteer.ListExerciseModifiers|gazetteer.ListPlaceModifiers) {
			continue // "Japan-Philippines Bilateral", "East Asian"
		}
		parts := strings.Split(d.tx(k), "-")
		for j, part := range parts {
			if !d.g.PlaceWord(part) && d.g.Info(d.g.ID(part)).Lists&gazetteer.ListCombiningForms == 0 && !d.regionAdjective(part) {
				// "India-Sri Lanka": a place of several words begun after the last hyphen.
				if n := d.placeFrom(part, k+1, t); j == len(parts)-1 && j > 0 && n > 0 {
					k += n
					break
				}
				return false
			}
		}
	}
	return true
}

// placeFrom returns how many tokens from k on, before t, end a place name that begins with
// the word first: "Sri" and "Lanka"; 0 for none.
func (d *text) placeFrom(first string, k, t int) int {
	var keys [4]gazetteer.WordID
	keys[0] = d.g.ID(first)
	n := 1
	for ; n < len(keys) && k+n-1 < t && d.toks[k+n-1].Kind == gazetteer.Word; n++ {
		keys[n] = d.g.ID(d.tx(k + n - 1))
	}
	if e, m := d.g.NameAt(keys[:n], 0); m > 1 && e.Kind != gazetteer.KindDemonym {
		return m - 1
	}
	return 0
}

// regionAdjective reports whether w is the adjective of a region the gazetteer knows:
// "African" (Africa), "Asian" (Asia), "European" (Europe), as in "the East African military
// exercise Simba Shield".
func (d *text) regionAdjective(w string) bool {
	for _, cut := range [...]int{1, 2} {
		if len(w) <= cut+2 || w[len(w)-1] != 'n' {
			return false
		}
		key := [1]gazetteer.WordID{d.g.ID(w[:len(w)-cut])}
		if e, n := d.g.NameAt(key[:], 0); n == 1 && e.Kind == gazetteer.KindRegion {
			return true
		}
	}
	return false
}

// exerciseNamed returns the exercise with the name in tokens [f, t), creating it. Callers
// check hasLetter first: a number alone names nothing.
func (d *nameStage) exerciseNamed(f, t int) *exercise {
	name := d.spanText(f, t)
	key := foldName(name)
	x, ok := d.exByKey[key]
	if !ok {
		x = &exercise{name: name, keys: []string{key}, year: nameYear(name), seq: len(d.exs)}
		d.exByKey[key] = x
		d.exs = append(d.exs, x)
	}
	// "Blue Horizon 2024" is also "Blue Horizon", and the same exercise as a "Blue Horizon"
	// named without a year; so are "Cope Thunder 24" and "Karakoram Falcon-III".
	if short := withoutEdition(name); short != "" {
		if k := foldName(short); k != "" {
			if other, taken := d.exByKey[k]; !taken {
				d.exByKey[k] = x
				x.keys = append(x.keys, k)
			} else if other != x && other.year == 0 && !other.dropped {
				d.merge(x, other)
			}
		}
	}
	return d.exByKey[key] // x, or the exercise it was merged into
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

// withoutEdition returns a name without its trailing year or edition: a four-digit year
// (withoutYear), a two-digit one ("Cope Thunder 24"), a series number after a hyphen ("Sea
// Guardian-4") or a Roman numeral ("Karakoram Falcon-III"); "" when it has none or nothing
// else.
func withoutEdition(name string) string {
	if short := withoutYear(name); short != "" {
		return short
	}
	k := strings.LastIndexAny(name, " -")
	if k < 0 {
		return ""
	}
	ed := name[k+1:]
	// "Cope Thunder 24", "Sea Guardian-4", "Karakoram Falcon-III".
	number := len(ed) == 2 && isDigitByte(ed[0]) && isDigitByte(ed[1]) && name[k] == ' ' || len(ed) <= 2 && name[k] == '-' && isDigitByte(ed[0]) && isDigitByte(ed[len(ed)-1])
	if !(number || romanNumeral(ed)) {
		return ""
	}
	short := strings.TrimSpace(name[:k])
	if utf8.RuneCountInString(short) < 3 || !hasLetter(short) {
		return ""
	}
	return short
}

// romanNumeral reports whether s is a Roman numeral of an edition, I to XXX.
func romanNumeral(s string) bool {
	if s == "" || len(s) > 5 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != 'I' && s[i] != 'V' && s[i] != 'X' {
			return false
		}
	}
	return true
}

// addExerciseName records another name of x ("also known as Zapad-2025").
func (d *nameStage) addExerciseName(x *exercise, f, t int) {
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
		d.merge(x, other)
	}
}

// merge makes exercises x and other one: two names found apart, the one named first absorbs
// the other.
func (d *nameStage) merge(x, other *exercise) {
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

// nameYear returns the year a name carries ("Zapad-2025" → 2025, "Cope Thunder 24" → 2024),
// or 0.
func nameYear(name string) int {
	if n := len(name); n > 3 && name[n-3] == ' ' && isDigitByte(name[n-2]) && isDigitByte(name[n-1]) {
		return 2000 + int(name[n-2]-'0')*10 + int(name[n-1]-'0')
	}
	for _, f := range strings.FieldsFunc(name, func(r rune) bool { return r < '0' || r > '9' }) {
		if y := yearNum(f); y > 0 {
			return y
		}
	}
	return 0
}

// eventName handles a non-exercise event word at i: "the opening ceremony of “Expo-2024”",
// "the Defence-2024 forum". A name with a year or in quotes becomes an event entity.
func (d *nameStage) eventName(i, n int, s sent) {
	var f, t int
	ok := false
	if d.inTerm(i, gazetteer.TermEventPrefixes) {
		if !d.toks[i].Cap() {
			return // "a Category 5 storm" names no storm
		}
		// "Typhoon Amihan", "Tropical Storm Delia": the name follows its capitalised word,
		// which is part of it; a word that is no name follows a storm the text does not name.
		k := i + n
		for k < s.to && k-(i+n) < 2 && d.toks[k].Cap() && d.toks[k].Kind == gazetteer.Word && d.headLen(k) == 0 && d.ft(k).name == 0 {
			k++
		}
		if k > i+n {
			d.addEvent(i, k)
		}
		return
	}
	if d.inR(i+n, gazetteer.RoleComplementPrepositions) {
		f, t, ok = d.nameAt(i+n+1, s.to)
	}
	if !ok {
		f, t, ok = d.nameBefore(i, s.from)
	}
	if !ok && d.toks[i].Cap() {
		// "the Vienna Document", "the Paris Agreement": a place names the event.
		for k := i - 1; k >= s.from && i-k <= 3; k-- {
			if e, m := d.nameAtTok(k); m > 0 && k+m == i && e.Kind != gazetteer.KindDemonym && e.Kind != gazetteer.KindOrganization {
				f, t, ok = k, i, true
				break
			}
		}
	}
	if !ok {
		return
	}
	if f == i+n+1 && d.toks[i].Cap() && d.inTerm(i, gazetteer.TermEventOfWords) {
		// "the Treaty of Lausanne", "the Battle of Mosul": the word, "of" and the name.
		f = i
	} else if t == i && d.toks[i].Cap() && d.headLen(i) == 0 && !d.tok(i+n).Cap() {
		// "the United Rugby Championship", "the Cold War": capitalised words that end in a
		// capitalised event word name that event, year or no year.
		t = i + n
	} else if !hasDigit(d.spanText(f, t)) && !(d.quoteAt(f-1) && d.quoteAt(t)) {
		return
	}
	d.addEvent(f, t)
}

// addEvent sets tokens [f, t) aside as an event's name, unless they name a known exercise or
// overlap an event already set aside.
func (d *nameStage) addEvent(f, t int) {
	d.buf = appendFolded(d.buf[:0], d.spanText(f, t))
	if _, known := d.exByKey[string(d.buf)]; known { // looked up without a string of its own
		return
	}
	for _, ev := range d.events {
		if ev.from < t && f < ev.to {
			return // a name already taken
		}
	}
	d.events = append(d.events, span{f, t})
	for k := f; k < t; k++ {
		d.claimed[k] = true
	}
}

// findExerciseMentions marks every occurrence of a known exercise name in one pass over the
// tokens: a run grows one token at a time while its folded text is a prefix of some name.
func (d *nameStage) findExerciseMentions() {
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
		for k := i; k < len(d.toks) && k-i < 6 && (d.toks[k].Kind == gazetteer.Word || k > i && d.toks[k].Kind == gazetteer.Possessive) && !d.claimed[k]; k++ {
			if d.toks[k].Kind == gazetteer.Possessive {
				acc = appendFolded(acc, d.tx(k)) // "Poseidon’s Wall": no space before "’s"
			} else if n := len(acc); n > 0 {
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

// shortFormWord reports whether w can be an exercise's short form in brackets: capitals of
// three characters or more, a letter among them ("BOBMEX", "OPAMBER").
func shortFormWord(w string) bool { return allCaps(w) && hasLetter(w) && len(w) > 2 }
