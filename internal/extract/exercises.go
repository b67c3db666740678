package extract

import (
	"strings"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// described is an exercise as the exercises stage reads it: the names stage's record, read
// only, and what the sentences about it say.
type described struct {
	*exercise
	host         *ent
	participants []*ent
	period       *facts.Period
	periodRank   int
	weakHost     *ent // "in <country>" with no verb that says it hosts
	placeHost    *ent // the country of a place named in a sentence about the exercise
	placeIn      bool // placeHost's place is named after "in", "on" or "at" (not "off", "near")
	led          bool // weakHost is the country of a "<country>-led"
	ledOrg       *ent // the alliance of a "NATO-led"
	started      bool // period is a start day alone, which a length may end
	purpose      string
}

// readExercises is the exercises stage: it reads the text and the earlier stages' results,
// and returns each exercise's host, participants, period and purpose.
func readExercises(t *text, nm *names, en *entities, st *statements) *exercises {
	sc, n := t.sc, len(t.toks)
	d := &sc.exercises
	*d = exerciseStage{text: t, names: nm, entities: en, statements: st, exercises: exercises{exAt: sc.ints[2*n:]}}
	d.describeExercises()
	return &d.exercises
}

// describeExercises reads the sentences about each exercise (those naming it, and those
// referring back to it as "the exercise") for its host, participants, period and purpose.
func (d *exerciseStage) describeExercises() {
	if len(d.exs) == 0 {
		return
	}
	slab := take(d.sc.descSlab, len(d.exs))
	d.sc.descSlab = slab
	xs := d.sc.described[:0]
	for k, x := range d.exs {
		slab[k].exercise = x
		xs = append(xs, &slab[k])
	}
	d.xs = xs
	// Per token, the exercise a mention of which covers it: index+1 into d.xs, 0 for none
	// (numbers, not pointers, so that the collector has nothing to scan).
	exAt := d.exAt
	for n, x := range d.xs {
		if x.dropped {
			continue
		}
		for _, m := range x.mentions {
			for k := m.from; k < m.to; k++ {
				exAt[k] = int32(n + 1)
			}
		}
	}
	// At most one exercise in the text, besides others named once in passing after it
	// ("U.S. Marines, who train with Filipino troops in the Balikatan exercises, will not
	// take part").
	single := true
	var main *described
	for _, x := range d.xs {
		if x.dropped || len(x.mentions) == 0 {
			continue
		}
		if main == nil || x.mentions[0].from < main.mentions[0].from {
			main = x
		}
	}
	for _, x := range d.xs {
		// main is named first, so any other is named after it: it counts if named again.
		if x != main && !x.dropped && len(x.mentions) > 1 {
			single = false
		}
	}
	var last *described
	lastPara, lastSent := -1, -1
	var about []*described // reused: describe keeps none of it
	for si, s := range d.sents {
		about = about[:0]
		for _, n := range exAt[s.from:s.to] {
			if n > 0 && !containsEx(about, d.xs[n-1]) {
				about = append(about, d.xs[n-1])
			}
		}
		named := len(about) > 0
		far := false   // a sentence far from the last one about the exercise: its host only
		aside := false // a sentence that adds to the exercise but does not carry its thread on
		switch {
		case len(about) > 0:
		case last != nil && s.para-lastPara <= 2 && d.refersBack(s):
			about = append(about, last)
		case last != nil && single && d.refersBack(s):
			// "The exercise is hosted by the Philippine Navy" names the host of the only
			// exercise of the text however far on; a sentence that far says little else
			// about who takes part.
			about, aside, far = append(about, main), true, true
		case last != nil && si-lastSent <= 2 && d.takesPart(s):
			// "Navies from Nigeria, Ghana, Benin and Togo will take part, he said."
			about = append(about, last)
		case last != nil && single && si-lastSent <= 4 && d.troopsFromIn(s):
			// "Ships from Latvia and Poland arrived over the weekend", a few sentences after
			// the only exercise of the text and about it.
			about = append(about, main)
		case last != nil && single && si-lastSent <= 6 && d.adds(s) && d.takesPart(s):
			// "Canada will also send a refuelling aircraft", a few sentences on, adds to the
			// only exercise of the text.
			about, aside = append(about, main), true
		case last != nil && single && si-lastSent <= 3 && d.fieldLabel(s):
			// A release's numbered fields after the only exercise: "2. Period: From Saturday,
			// November 14 …", "4. Participating units: …".
			about = append(about, main)
		case last != nil && si-lastSent == 1 && d.inL(s.from, gazetteer.ListReferringPronouns):
			// "It runs from 2 to 13 June."
			about = append(about, last)
		case last != nil && si-lastSent == 1 && d.phaseOpening(s):
			// "The first phase ran from 3 to 6 November."
			about = append(about, last)
		case (last == nil || lastSent == 0) && d.mentionsExercise(s):
			// (Or after a headline that named them: "Egypt will host a joint military exercise
			// with A, B and C in October" before "The exercise, named …".)
			// Drills spoken of before their name is given: the next named exercise, if it
			// comes within two sentences, or within six when the text is about one exercise
			// ("Troops from Kenya, Uganda and Tanzania began a ten-day exercise …" three
			// sentences before "The exercise, code-named Amani Tern, …").
			reach := 2
			if single {
				reach = 6
			}
			for k := si + 1; k < len(d.sents) && k-si <= reach; k++ {
				if x := d.firstExerciseIn(d.sents[k], exAt); x != nil {
					// A headline's second part is about something else: "S. Korea, U.S. kick
					// off summer drills; trilateral naval exercise with Japan set for September".
					if k := d.semicolonAfterExercise(s); k >= 0 {
						s.to = k
					}
					if k-si <= 2 {
						about = append(about, x)
					} else if x == main {
						// Until the name comes, each sentence about the drills looks ahead.
						about, aside = append(about, x), true
					}
					break
				}
			}
		}
		for _, x := range about {
			d.describe(x, s, named, far)
		}
		if len(about) > 0 && !aside {
			last = about[len(about)-1]
			lastPara, lastSent = s.para, si
		}
	}
	for _, x := range d.xs {
		if x.host == nil {
			x.host = x.weakHost
		}
		if x.host == nil && x.placeHost != nil && x.placeHost.typ == facts.Country && (x.placeIn || containsEnt(x.participants, x.placeHost)) {
			x.host = x.placeHost
		}
		// "MANILA, Feb 10 (Meridian) - The Philippines and Japan will stage …": a wire
		// filed from a country that takes part, about drills no sentence places elsewhere,
		// reports its host's exercise.
		if x.host == nil && x.placeHost == nil {
			if c := d.datelineCountry(); c != nil && containsEnt(x.participants, c) {
				x.host = c
			}
		}
		// "the NATO-led drills", held in no country the text names.
		if x.host == nil && x.ledOrg != nil {
			x.host = x.ledOrg
		}
		// The host country takes part in what it hosts.
		if x.host != nil && x.host.typ == facts.Country && !containsEnt(x.participants, x.host) {
			x.participants = append(x.participants, x.host)
		}
	}
}

// datelineCountry returns the country of the place a wire's dateline names ("SEOUL, Aug. 17
// (Hanbit) --", "MANAUS, Brazil —"), or nil.
func (d *exerciseStage) datelineCountry() *ent {
	for _, p := range [...]span{d.line.region, d.line.place} {
		if p.to <= p.from {
			continue
		}
		m, ok := d.mentionAt(p.from)
		if !ok {
			continue
		}
		if c := d.countryOf(m.e); c != nil && c.typ == facts.Country {
			return c
		}
		// A dateline in capitals ("MANILA") is a place the entities stage names in title
		// case but may not have looked up: its capital or city, by that name.
		if c, ok := d.byID[d.placeCountry(m.e.name)]; ok && c.typ == facts.Country {
			return c
		}
	}
	return nil
}

// placeCountry returns the id of the country whose capital or city is called name, or "".
func (d *exerciseStage) placeCountry(name string) string {
	// The words of the name ("Abu Dhabi"), looked up by number.
	var buf [4]gazetteer.WordID
	keys := buf[:0]
	for _, w := range strings.Fields(name) {
		if len(keys) == len(buf) {
			return ""
		}
		keys = append(keys, d.g.ID(w))
	}
	if len(keys) == 0 {
		return ""
	}
	if e, n := d.g.NameAt(keys, 0); n == len(keys) && e.Kind == gazetteer.KindCapital {
		return e.ID
	}
	if e, n := d.g.CityAt(keys, 0); n == len(keys) {
		return e.Country
	}
	return ""
}

// fieldLabel reports whether a sentence opens with the label of a numbered field: a number and
// a full stop, one to three words, the first capitalised and the others not, and a colon ("2.
// Period:", "4. Participating units:"); a speaker's name in a transcript is in capitals.
func (d *exerciseStage) fieldLabel(s sent) bool {
	i := s.from
	// The number may end a sentence of its own.
	if p := d.paras[s.para]; i+1 < s.to && d.toks[i].IsDigitWord() && d.is(i+1, ".") {
		i += 2
	} else if !(i-2 == p.from && d.toks[i-2].IsDigitWord() && d.is(i-1, ".")) {
		return false // "Some background: In July, …" is no field
	}
	for k := i; k < s.to && k-i <= 3; k++ {
		t := d.toks[k]
		switch {
		case d.is(k, ":"):
			return k > i
		case t.Kind != gazetteer.Word || k == i && (!t.Cap() || allCaps(d.tx(k))) || k > i && t.Cap():
			return false
		}
	}
	return false
}

// adds reports whether a sentence adds to what was said before: a word of
// data/words/addition_words.txt ("also") before its first comma.
func (d *exerciseStage) adds(s sent) bool {
	for i := s.from; i < s.to && !d.is(i, ","); i++ {
		if d.inL(i, gazetteer.ListAdditionWords) {
			return true
		}
	}
	return false
}

// takesPart reports whether a sentence speaks of joining, without naming what in: a word of
// data/words/joining_words.txt ("will take part", "train alongside", "joined by").
// possessorOfExercise returns the country whose possessive stands a few words before an
// exercise word in sentence s ("Greece's largest annual naval exercise"; not "Ghana's 2019
// exercise" in another year), or nil.
func (d *exerciseStage) possessorOfExercise(s sent, year int) *ent {
	for _, c := range d.candsIn(s.from, s.to) { // exercise words are among them
		i := int(c)
		if d.feat[i].ex == 0 || d.attrib[i] {
			continue
		}
		for k := i - 1; k > s.from && i-k <= 6; k-- {
			// "Ghana's 2019 exercise with Nigeria": another year's.
			if year != 0 && d.otherYear(k, year) {
				break
			}
			if d.toks[k].Kind == gazetteer.Possessive {
				// A country's, or its service's: "The Indian Navy's annual Tropex exercise".
				if m, ok := d.mentionAt(k - 1); ok {
					if c := d.countryOf(m.e); c != nil && c.typ == facts.Country && m.e.typ != facts.Location {
						return c
					}
				}
				break
			}
			// "North Korea's state media called the drill": an article starts another phrase.
			if d.toks[k].Kind != gazetteer.Word || d.owner[k] >= 0 || d.inL(k, gazetteer.ListArticles) {
				break
			}
		}
	}
	return nil
}

// ledBy returns the country of a "<country>-led" in sentence s ("the U.S.-led drills"),
// or nil.
func (d *exerciseStage) ledBy(s sent) *ent {
	for i := s.from + 2; i < s.to; i++ {
		if !d.inL(i, gazetteer.ListLedWords) || d.toks[i-1].Kind != gazetteer.Punct || d.toks[i-1].End != d.toks[i].Start {
			continue
		}
		if m, ok := d.mentionAt(i - 2); ok && m.to == i-1 && d.toks[i-2].End == d.toks[i-1].Start {
			if c := d.countryOf(m.e); c != nil && c.typ == facts.Country {
				return c
			}
			// "the NATO-led drills": an alliance, an organization of no one country.
			if m.e.typ == facts.Organization && m.e.country == "" && d.line.agency.to <= m.from {
				return m.e
			}
		}
	}
	return nil
}

// troopsFrom reports whether token i is a troop word that says where the troops come from:
// "personnel from Fiji", "servicemen of Kyrgyzstan" (a country right after "of").
func (d *exerciseStage) troopsFrom(i int) bool {
	if !d.inL(i, gazetteer.ListTroopWords) {
		return false
	}
	if d.inL(i+1, gazetteer.ListOriginPrepositions) {
		return true
	}
	if !d.inR(i+1, gazetteer.RoleComplementPrepositions) {
		return false
	}
	m, ok := d.mentionAt(i + 2)
	return ok && m.from == i+2 && m.e.typ == facts.Country
}

// troopsFromIn reports whether sentence s says where troops come from ("Ships from Latvia
// and Poland arrived") and names no year.
func (d *exerciseStage) troopsFromIn(s sent) bool {
	from := false
	for i := s.from; i < s.to; i++ {
		if yearNum(d.tx(i)) != 0 {
			return false
		}
		from = from || d.troopsFrom(i)
	}
	return from
}

func (d *exerciseStage) takesPart(s sent) bool {
	for i := s.from; i < s.to; i++ {
		// "personnel from Fiji and Tonga", "Japan will also send troops", "Kyrgyz troops will
		// practise".
		if d.inL(i, gazetteer.ListTroopWords) && (!d.toks[i].Cap() || i == s.from) {
			if d.troopsFrom(i) {
				return true
			}
			for k := i - 1; k >= s.from && i-k <= 3; k-- {
				if d.inL(k, gazetteer.ListParticipation) {
					return true
				}
			}
			for k := i + 1; k < s.to && k-i <= 3 && d.toks[k].Kind == gazetteer.Word; k++ {
				if d.inL(k, gazetteer.ListParticipation) && !d.inL(k-1, gazetteer.ListNegations) {
					return true
				}
			}
		}
		if !d.inL(i, gazetteer.ListJoiningWords) {
			continue
		}
		if !d.inR(i, gazetteer.RoleParticipationNouns) {
			return true
		}
		// "took part", "confirmed their participation".
		if d.inR(i-1, gazetteer.RoleTakeVerbs) || d.inL(i-1, gazetteer.ListPossessiveDeterminers) {
			return true
		}
	}
	return false
}

// otherDrills reports whether tokens [from, to) speak of drills of their own: an exercise word
// in lower case that no anaphoric determiner refers back ("held its own drills", "staged air
// drills"; not "joined the drills"), and no exercise named.
func (d *exerciseStage) otherDrills(from, to int) bool {
	other := false
	for i := from; i < to; i++ {
		if d.exAt[i] > 0 {
			return false
		}
		if d.feat[i].ex == 0 || d.toks[i].Cap() {
			continue
		}
		own := true
		for k := i - 1; k >= from && i-k <= 3; k-- {
			if d.inR(k, gazetteer.RoleAnaphoricDeterminers) {
				own = false
			}
		}
		other = other || own
	}
	return other
}

// holdsThis reports whether the verb at i holds the exercise the sentence is about: its name
// or an exercise word a determiner refers back with comes within five words ("will hold
// Exercise Coral Tern", "held the drills"), not other drills ("held drills near Taiwan").
func (d *exerciseStage) holdsThis(i int, s sent) bool {
	for k := i + 1; k < s.to && k-i <= 6; k++ {
		if d.exAt[k] > 0 {
			return true
		}
	}
	for k := i + 1; k < s.to && k-i <= 5; k++ {
		if d.feat[k].ex > 0 && !d.toks[k].Cap() {
			for j := k - 1; j > i; j-- {
				if d.inR(j, gazetteer.RoleAnaphoricDeterminers) || d.inL(j, gazetteer.ListPossessiveDeterminers) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// exerciseBefore reports whether the exercise, or an exercise word, comes within three tokens
// before token i, a relative pronoun or a comma between: "Coral Tern, which Ghana has held",
// "an exercise that Chile's navy has run".
func (d *exerciseStage) exerciseBefore(i int, s sent) bool {
	for k := i - 1; k >= s.from && i-k <= 3; k-- {
		if d.exAt[k] > 0 || d.feat[k].ex > 0 {
			return true
		}
	}
	return false
}

// asideCut returns where tokens [from, to) stop speaking of the exercise: an aside word whose
// clause names other drills ("It follows similar drills held by Nigeria in March"), or to.
func (d *exerciseStage) asideCut(from, to int) int {
	for i := from + 1; i < to; i++ {
		if d.inR(i, gazetteer.RoleAsideWords) && !d.toks[i].Cap() && d.mentionsExercise(sent{span: span{i + 1, d.clauseEnd(i+1, to)}}) {
			return i
		}
	}
	return to
}

// phaseOpening reports whether a sentence opens with a part of an exercise: "The first phase",
// "The active phase of the drills".
func (d *exerciseStage) phaseOpening(s sent) bool {
	if !d.inL(s.from, gazetteer.ListDefiniteArticles) {
		return false
	}
	for i := s.from + 1; i < s.to && i-s.from <= 3; i++ {
		if d.inTerm(i, gazetteer.TermPhaseNouns) {
			return true
		}
	}
	return false
}

// semicolonAfterExercise returns the first semicolon of sentence s after an exercise word, or
// -1.
func (d *exerciseStage) semicolonAfterExercise(s sent) int {
	seen := false
	for i := s.from; i < s.to; i++ {
		seen = seen || d.feat[i].ex > 0
		if seen && d.is(i, ";") {
			return i
		}
	}
	return -1
}

// mentionsExercise reports whether a sentence uses an exercise word.
func (d *exerciseStage) mentionsExercise(s sent) bool {
	for i := s.from; i < s.to; i++ {
		if d.feat[i].ex > 0 {
			return true
		}
	}
	return false
}

func (d *exerciseStage) firstExerciseIn(s sent, exAt []int32) *described {
	for i := s.from; i < s.to; i++ {
		if exAt[i] > 0 {
			return d.xs[exAt[i]-1]
		}
	}
	return nil
}

func containsEx(xs []*described, x *described) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// refersBack reports whether a sentence speaks of "the exercise", "these drills", "this
// year's edition" and the like.
func (d *exerciseStage) refersBack(s sent) bool {
	for _, c := range d.candsIn(s.from, s.to) { // exercise words are among them
		i := int(c)
		if n := d.feat[i].ex; n > 0 && !d.toks[i].Cap() || n > 0 && i == s.from+1 {
			for k := i - 1; k >= s.from && i-k <= 5; k-- {
				if d.inR(k, gazetteer.RoleAnaphoricDeterminers) {
					return true
				}
				// "the scale of Indian exercises": the article is another noun's.
				if d.inR(k, gazetteer.RoleComplementPrepositions) {
					break
				}
			}
		}
	}
	for i := s.from + 1; i < s.to; i++ {
		if d.inR(i, gazetteer.RoleEditionNouns) && !d.toks[i].Cap() && d.thisEdition(i, s.from) {
			return true
		}
	}
	return false
}

// thisEdition reports whether the edition noun at i speaks of the edition the text is about:
// "this year's edition", "the edition", but not "the 2024 edition", "the last edition", "the
// next edition".
func (d *exerciseStage) thisEdition(i, start int) bool {
	for k := i - 1; k >= start && i-k <= 4; k-- {
		if yearNum(d.tx(k)) != 0 || d.inR(k, gazetteer.RolePreviousDeterminers|gazetteer.RoleFollowingDeterminers) {
			return false
		}
		if d.inR(k, gazetteer.RoleAnaphoricDeterminers) {
			return true
		}
	}
	return false
}

// countryOf returns the country an entity stands for in a list of participants: itself for a
// country, the country of an organization, if that country is in the document.
func (d *exerciseStage) countryOf(e *ent) *ent {
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
func (d *exerciseStage) describe(x *described, s sent, named, far bool) {
	hostTok := -1
	year := x.year
	if year == 0 && d.meta.PublishedAt != nil {
		year = d.meta.PublishedAt.Year
	}
	// "In 2023 the drills were held off Réunion": another edition's host is not this one's.
	past := false
	for k := s.from + 1; k < s.to && year != 0 && !past; k++ {
		past = d.yearAfterPreposition(k) && d.otherYear(k, year)
	}
	// "trained with Indian pilots in Marseille last year": a place of another year names no
	// host either (the host rules above keep their own reading of such sentences).
	pastPlace := past
	for k := s.from; k+1 < s.to && !pastPlace; k++ {
		pastPlace = d.previousYear(k)
	}
	// The host: "hosted by X", "held in X", "troops to X", "X will host", "the exercise in X".
	for i := s.from; i < s.to && x.host == nil && !past; i++ {
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
			if d.inL(i-1, gazetteer.ListHostVerbs) || (i > s.from && d.exLen(i-1) > 0) || (i > s.from && d.claimed[i-1]) || d.heldAtSite(i, s.from) {
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
			// "with Ghana as host", "Ghana will act as the host nation".
			if r := i - 1 - b2i(d.inL(i-1, gazetteer.ListDefiniteArticles)); cues&gazetteer.ListHostSubjectVerbs != 0 && d.inTerm(r, gazetteer.TermRolePrepositions) {
				if m, ok := d.mentionAt(r - 1); ok && m.to == r && m.e.typ == facts.Country {
					x.host, hostTok = m.e, m.from
				}
				continue
			}
			// "Latvia hosts", "Latvia is hosting", "Thailand will host", "Latvia has also
			// hosted", "Azerbaijan will hold" (one country: "Russia and China will hold"
			// names no host).
			k := i - 1
			if d.inL(k, gazetteer.ListDefiniteArticles) {
				// The noun: "Thailand, the host nation, has deployed", "Australia is the host".
				if k--; !d.is(k, ",") && !d.inL(k, gazetteer.ListAuxiliaries) {
					continue
				}
			}
			for k > s.from && i-k <= 3 && d.inL(k, gazetteer.ListAuxiliaries) {
				k--
			}
			if k > s.from && d.inTerm(k, gazetteer.TermForceNouns) && !d.toks[k].Cap() {
				k-- // "the Ghanaian military is hosting": the demonym's country
			}
			if d.inL(k, gazetteer.ListRelativePronouns) && d.is(k-1, ",") {
				k -= 2 // "Australia, which hosts the exercise every two years, welcomed"
			} else if d.is(k, ",") && d.inL(i-1, gazetteer.ListDefiniteArticles) {
				k-- // "Thailand, the host nation,"
			}
			if d.is(k, ")") {
				// "The Royal Malaysian Navy (RMN) will conduct", "(UAEAF&AD) hosts".
				for o := k - 2; o > s.from && k-o <= 4; o-- {
					if d.is(o, "(") {
						k = o - 1
						break
					}
				}
			}
			m, ok := d.mentionAt(k)
			coordinated := false // "Russia and China will hold", "the Indian Navy and the French Navy will hold"
			if ok {
				b := m.from - 1
				if d.inL(b, gazetteer.ListDefiniteArticles) {
					b--
				}
				coordinated = d.inR(b, gazetteer.RoleListConjunctions) || d.is(b, ",")
			}
			// A holding verb holds this exercise only when it follows ("held the drills", "will
			// hold Exercise …") or comes just before the subject ("Coral Tern, which Ghana has
			// held", "an exercise that Chile's navy has run"); "days after China held drills
			// near Taiwan" holds other drills.
			if cues&gazetteer.ListHoldVerbs != 0 && cues&gazetteer.ListHostSubjectVerbs == 0 && ok && !d.holdsThis(i, s) && !d.exerciseBefore(m.from, s) {
				continue
			}
			if ok && m.e.typ == facts.Country && !(cues&gazetteer.ListHoldVerbs != 0 && coordinated) {
				x.host = m.e
				hostTok = m.from
			} else if ok && m.e.typ == facts.Organization && cues&gazetteer.ListHostSubjectVerbs != 0 && !coordinated {
				// "the U.S. Air Force is hosting", "The Indian Navy's Eastern Naval Command
				// (ENC) will host": the organization's country, or its owner's.
				c := d.countryOf(m.e)
				if o, ok := d.mentionAt(m.from - 2); (c == nil || c.typ != facts.Country) && ok && d.toks[m.from-1].Kind == gazetteer.Possessive {
					c = d.countryOf(o.e)
				}
				if c != nil && c.typ == facts.Country {
					x.host = c
					hostTok = m.from
				}
			} else if ok && m.e.typ == facts.Organization && cues&gazetteer.ListHoldVerbs != 0 && x.weakHost == nil && !coordinated {
				// "The Royal Malaysian Navy will conduct Exercise …": its country, if nothing
				// better turns up ("hosted by the Philippine Navy" later on).
				if c := d.countryOf(m.e); c != nil && c.typ == facts.Country {
					x.weakHost = c
				}
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
		if d.inL(at, gazetteer.ListDefiniteArticles) {
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
	// "the exercise at Mushaf Air Base in Punjab", "a landing near Pohang": the country of the
	// first place in a country that a sentence about the exercise names, after a place
	// preposition; it hosts when it takes part and nothing better turns up.
	for i := s.from; i < s.to && x.placeHost == nil && !pastPlace; i++ {
		m, ok := d.mentionAt(i)
		if !ok || m.from != i || d.attrib[i] {
			continue
		}
		if m.e.typ == facts.Country {
			// "at Utapao, Thailand", "in Chonburi province, Thailand": a place the text sets
			// in its country; the country stands where the place does.
			if b := d.settingOf(m, s); b >= 0 {
				x.placeHost = m.e
				x.placeIn = d.placesWithin(b)
			} else if b := d.placeModified(m); b >= 0 {
				// "on the northern Philippine island of Luzon": the country's own place.
				x.placeHost = m.e
				x.placeIn = d.placesWithin(b)
			}
			continue
		}
		if m.e.typ != facts.Location || m.e.country == "" {
			continue
		}
		b := i - 1
		if d.inL(b, gazetteer.ListDefiniteArticles) {
			b--
		}
		if d.inL(b, gazetteer.ListPlaceModifiers) {
			b--
		}
		// "off the coast of Goa": "of" after a place noun.
		if d.inR(b, gazetteer.RoleComplementPrepositions) && d.inL(b-1, gazetteer.ListLocationHeads) {
			b -= 2
			if d.inL(b, gazetteer.ListDefiniteArticles) {
				b--
			}
		}
		// "in the Wilayat of Duqm, Al Wusta Governorate": a place set off after another.
		if p, ok := d.mentionAt(b - 1); ok && d.is(b, ",") && p.e.typ == facts.Location {
			b = p.from - 1
			if d.inL(b, gazetteer.ListDefiniteArticles) {
				b--
			}
		}
		if d.placePreposition(b) {
			x.placeHost = d.countryOf(m.e)
			// "in Surabaya", "at Isa Air Base": the exercise is there, not off or near it.
			x.placeIn = d.placesWithin(b)
		}
	}
	// "on Ghanaian soil", "on Ghana's soil", "on the territory of Ghana": the host.
	for i := s.from + 2; i < s.to && x.host == nil && !past; i++ {
		if !d.inTerm(i, gazetteer.TermSoilNouns) {
			continue
		}
		var m ment
		ok := false
		if o := i - 1; d.toks[o].Kind == gazetteer.Possessive {
			m, ok = d.mentionAt(o - 1)
		} else if m, ok = d.mentionAt(o); ok && m.to != i {
			ok = false
		}
		if ok && m.e.typ == facts.Country && d.inL(m.from-1, gazetteer.ListHostPlacePrepositions) {
			x.host, hostTok = m.e, m.from
		} else if d.inR(i+1, gazetteer.RoleComplementPrepositions) && d.inL(i-1, gazetteer.ListDefiniteArticles) && d.inL(i-2, gazetteer.ListHostPlacePrepositions) {
			at := i + 2
			if d.inL(at, gazetteer.ListDefiniteArticles) {
				at++
			}
			if m, ok := d.mentionAt(at); ok && m.from == at && m.e.typ == facts.Country {
				x.host, hostTok = m.e, m.from
			}
		}
	}
	// "the Nigeria-led “Atlantic Harmattan” drills": the leading country, if no sentence names
	// the host; it outranks an "in <country>".
	if x.host == nil && !x.led && !past {
		if c := d.ledBy(s); c != nil && c.typ != facts.Country {
			x.ledOrg = c // the host if no country turns up
		} else if c != nil {
			x.weakHost, x.led = c, true
		}
	}
	// "Greece's largest annual air and naval exercise": a country's own exercise, if nothing
	// better turns up.
	if x.host == nil && x.weakHost == nil && !past {
		x.weakHost = d.possessorOfExercise(s, year)
	}
	// Participants: in a sentence that speaks of taking part, every country named outside the
	// attribution and the host phrase.
	if far && !d.refersBack(sent{span: span{s.from, min(s.to, s.from+3)}}) {
		return
	}
	if d.participates(s.from, s.to, year) {
		for i := s.from; i < s.to; i++ {
			// A relative clause goes on about the exercise ("…, which…", "at the camp, where
			// personnel from A and B will train"); another clause does not, unless it speaks
			// of taking part itself (", while New Zealand and Canada are sending warships").
			if d.is(i, ",") && d.clauseAfterComma(i) && !d.inL(i+1, gazetteer.ListParticipation|gazetteer.ListRelativePronouns|gazetteer.ListPlaceRelatives) && !d.inR(i+1, gazetteer.RoleListConjunctions) && !d.participates(i+1, d.clauseEnd(i+1, s.to), year) {
				break // ", prompting a sharp warning from North Korea", ", as North Korea warned"
			}
			// ", and Nigeria held its own drills in the north": other drills.
			if d.is(i, ",") && d.clauseAfterComma(i) && d.otherDrills(i+1, d.clauseEnd(i+1, s.to)) {
				break
			}
			// "…, amid rising tensions with China", "days after China held drills": an aside.
			// Its own drills ("days after China held drills near Taiwan") are another exercise.
			if i > s.from && d.inR(i, gazetteer.RoleAsideWords) && !d.inL(i, gazetteer.ListPlaceRelatives) && !d.toks[i].Cap() && !d.tok(i+1).IsDigitWord() && d.tw(i+1).Month == 0 {
				if e := d.clauseEnd(i+1, s.to); !d.joinsIn(i+1, e) || d.mentionsExercise(sent{span: span{i + 1, e}}) {
					break
				}
			}
			m, ok := d.mentionAt(i)
			if !ok && !d.attrib[i] {
				// "including roughly 4,500 Americans": a demonym in the plural.
				if c := d.pluralDemonym(i); c != nil && !containsEnt(x.participants, c) {
					x.participants = append(x.participants, c)
				}
				continue
			}
			// "waters claimed by Ivory Coast", "equipment donated by Japan": an agent takes part
			// only after a verb of taking part or hosting ("joined by", "co-led by", "hosted by").
			if d.inL(i-1, gazetteer.ListHostByPrepositions) && i-2 >= s.from && d.toks[i-2].Kind == gazetteer.Word && !d.inL(i-2, gazetteer.ListParticipation|gazetteer.ListJoiningWords|gazetteer.ListHostByVerbs|gazetteer.ListTroopWords) {
				continue
			}
			// "a tanker flagged in Panama", "drills in Chile": a country after a place
			// preposition is where, not who (its country may host: the host rules read it).
			if d.inL(i-1, gazetteer.ListPlacePrepositions) || d.inR(i-1, gazetteer.RoleSitePrepositions) {
				continue
			}
			// "four West and Central African countries": a region's.
			if d.inTerm(m.to, gazetteer.TermCountryNouns) {
				continue
			}
			// "the Burkina Faso border", "the border with Burkina Faso": where, not who.
			border := d.inL(m.to, gazetteer.ListBorderNouns) || i >= s.from+2 && d.inL(i-2, gazetteer.ListBorderNouns) && !d.toks[i-1].Cap() && d.toks[i-1].Kind == gazetteer.Word
			if !ok || m.from != i || d.attrib[i] || i == hostTok || d.inL(i-1, gazetteer.ListTargetPrepositions) || border {
				continue
			}
			// "… hosted troops from Britain in 2019": another year's.
			if d.otherYearAfter(m.to-1, min(s.to, m.to+2), year) {
				continue
			}
			if m.e.typ == facts.Location || d.observerNear(m.from, m.to, s) || d.clauseDeclines(m.from, s, year) || d.placeOwner(m.to, s) || d.settingOf(m, s) >= 0 || d.placeModified(m) >= 0 || d.standsApart(m, s) {
				continue // "a signal to Beijing", "observers from Brazil" make no one a participant
			}
			if c := d.countryOf(m.e); c != nil && !containsEnt(x.participants, c) {
				x.participants = append(x.participants, c)
			}
		}
	}
	if p, rank, started := d.period(s.from, s.to, year); p != nil && x.period != nil && d.endsAt(s) && x.period.Start.Before(p.End) && (rank < 3 || p.Start == p.End) {
		// "The exercise ends on Oct. 3." moves the end of a period that began earlier (a
		// period with a start of its own, "began on Feb. 24 and runs through March 13", is
		// read as any other).
		x.period.End = p.End
	} else if p != nil && (x.period == nil || rank > x.periodRank) {
		x.period, x.periodRank, x.started = p, rank, started
	} else if p == nil && x.started && x.period.Start == x.period.End {
		// "… launched the exercise on 3 March. The drills will last 12 days."
		if n, _, _ := d.lengthIn(s.from, s.to); n > 1 {
			x.period = &facts.Period{Text: x.period.Text, Start: x.period.Start, End: x.period.Start.AddDays(n - 1)}
			x.started = false
		}
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
func (d *exerciseStage) observerNear(from, to int, s sent) bool {
	for k := max(s.from, from-3); k < min(s.to, to+4); k++ {
		if d.inL(k, gazetteer.ListObserverWords) {
			return true
		}
	}
	// "Military attachés of Kazakhstan and Turkmenistan accredited in Dushanbe have been
	// invited to observe": an observer word later in the clause, with no word of taking part
	// before it.
	for k := to; k < d.clauseEnd(to, s.to); k++ {
		if d.inL(k, gazetteer.ListParticipation|gazetteer.ListJoiningWords) {
			return false
		}
		if d.inL(k, gazetteer.ListObserverWords) {
			return true
		}
	}
	return false
}

// heldAtSite reports whether the preposition at i follows a host verb and a site in lower
// case: "will be held at training grounds in Belarus".
func (d *exerciseStage) heldAtSite(i, start int) bool {
	for k := i - 1; k > start && i-k <= 5; k-- {
		if d.inL(k, gazetteer.ListHostVerbs) {
			return k < i-2 && d.inR(k+1, gazetteer.RoleSitePrepositions)
		}
		if d.toks[k].Kind != gazetteer.Word || d.toks[k].Cap() {
			return false
		}
	}
	return false
}

// settingOf returns the preposition before "<place>, <country>" when mention m is that
// country ("at Utapao, Thailand", "near Hokkaido, Japan"), or -1.
func (d *exerciseStage) settingOf(m ment, s sent) int {
	if m.e.typ != facts.Country || !d.is(m.from-1, ",") || d.tok(m.to).Kind == gazetteer.Possessive {
		return -1
	}
	// "in Ghana, Togo and Benin": a list of countries, no place and its country.
	if p, ok := d.mentionAt(m.from - 2); ok && p.e.typ == facts.Country {
		return -1
	}
	if b := d.placeStart(m.from-1, s.from); b >= 0 && d.placePreposition(b) {
		return b
	}
	return -1
}

// placeModified returns the place preposition before a country mention m that modifies a
// place noun in lower case ("on the northern Philippine island of Luzon", "in a Ghanaian
// port"), or -1.
func (d *exerciseStage) placeModified(m ment) int {
	if m.to >= len(d.toks) || d.toks[m.to].Cap() || !d.inR(m.to, gazetteer.RolePlaceNouns) {
		return -1
	}
	b := m.from - 1
	if d.inL(b, gazetteer.ListPlaceModifiers) {
		b--
	}
	if d.inL(b, gazetteer.ListArticles) {
		b--
	}
	if !d.placePreposition(b) {
		return -1
	}
	return b
}

// placePreposition reports whether token b is a preposition that sets an exercise at a place:
// in it ("in", "at", placesWithin) or by it ("near", "off").
func (d *exerciseStage) placePreposition(b int) bool {
	return d.inL(b, gazetteer.ListPlacePrepositions) || d.placesWithin(b)
}

// placesWithin reports whether token b sets an exercise within a place ("in Surabaya", "at Isa
// Air Base"), not off or near it.
func (d *exerciseStage) placesWithin(b int) bool {
	return d.inL(b, gazetteer.ListHostPlacePrepositions) || d.inR(b, gazetteer.RoleSitePrepositions)
}

// placeStart returns the token before the place name that ends at token i (exclusive): one
// to four capitalised words, and a lower-case place noun after them ("Chonburi province");
// -1 when there is none.
func (d *exerciseStage) placeStart(i, start int) int {
	k := i - 1
	if k > start && !d.toks[k].Cap() && d.inR(k, gazetteer.RolePlaceNouns) {
		k--
	}
	f := k
	for f >= start && k-f < 4 && d.toks[f].Kind == gazetteer.Word && d.toks[f].Cap() {
		f--
	}
	if f == k || f < start {
		return -1
	}
	if d.inL(f, gazetteer.ListDefiniteArticles) {
		f--
	}
	return f
}

// placeOwner reports whether the possessive at token i (after a country) owns a place:
// "near Hokkaido, Japan's northern island" names where the drills are, not who takes part.
func (d *exerciseStage) placeOwner(i int, s sent) bool {
	if i >= s.to || d.toks[i].Kind != gazetteer.Possessive {
		return false
	}
	for k := i + 1; k < s.to && k-i <= 3 && d.toks[k].Kind == gazetteer.Word; k++ {
		if !d.toks[k].Cap() && (d.inL(k, gazetteer.ListLocationHeads) || d.inR(k, gazetteer.RolePlaceNouns)) {
			return true
		}
	}
	return false
}

// standsApart reports whether the verb of mention m, past a relative clause set off by
// commas and auxiliaries, is one of data/words/aloof_verbs.txt: "a move China has
// criticised", "which Beijing called provocative", "South Korea, which had planned to take
// part, pulled out last week".
func (d *exerciseStage) standsApart(m ment, s sent) bool {
	k := m.to
	// The verb of a list of subjects: "the United States and France were funding".
	for {
		b := k
		if d.inR(b, gazetteer.RoleListConjunctions) || d.is(b, ",") && !d.inL(b+1, gazetteer.ListRelativePronouns) {
			b++
		}
		if d.inL(b, gazetteer.ListDefiniteArticles) {
			b++
		}
		n, ok := d.mentionAt(b)
		if b == k || !ok || n.from != b || n.e.typ != facts.Country {
			break
		}
		k = n.to
	}
	if d.is(k, ",") && d.inL(k+1, gazetteer.ListRelativePronouns) {
		k = d.clauseEnd(k+1, s.to) + 1
	}
	for k < s.to && k-m.to <= 12 && d.inL(k, gazetteer.ListAuxiliaries) {
		k++
	}
	if k < s.to && d.inR(k, gazetteer.RoleAloofVerbs) {
		return true
	}
	// A second verb of its clause that stays out: "Benin was invited to take part but
	// declined".
	for j := k + 1; j+1 < s.to && j-k <= 12 && !d.is(j, ","); j++ {
		if d.inR(j, gazetteer.RoleClauseConjunctions) && d.toks[j+1].Kind == gazetteer.Word && d.inR(j+1, gazetteer.RoleAloofVerbs) {
			return true
		}
	}
	// Its own verb negated: "Canada, which took part in 2025, did not send forces", "Japan will
	// not take part".
	for j := k; j < s.to && j-k <= 2 && d.toks[j].Kind == gazetteer.Word && !d.toks[j].Cap(); j++ {
		if d.inL(j, gazetteer.ListNegations) {
			for q := j + 1; q < s.to && q-j <= 2; q++ {
				if d.inL(q, gazetteer.ListParticipation|gazetteer.ListJoiningWords) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// pluralDemonym returns the country, named elsewhere in the text, whose demonym token i is
// in the plural ("Americans", "Filipinos"), or nil.
func (d *exerciseStage) pluralDemonym(i int) *ent {
	t := d.toks[i]
	w := d.tx(i)
	if t.Kind != gazetteer.Word || !t.Cap() || len(w) < 4 || w[len(w)-1] != 's' || allCaps(w) {
		return nil
	}
	key := [1]gazetteer.WordID{d.g.ID(w[:len(w)-1])}
	if e, n := d.g.NameAt(key[:], 0); n == 1 && e.Kind == gazetteer.KindDemonym {
		if c, ok := d.byID[e.ID]; ok && c.typ == facts.Country {
			return c
		}
	}
	return nil
}

// joinsIn reports whether tokens [from, to) speak of joining something: a word of
// joining_words.txt ("while Australia is sending two warships") or troops from somewhere,
// not merely of holding or flying ("after Russian and Chinese bombers flew a joint patrol").
func (d *exerciseStage) joinsIn(from, to int) bool {
	for k := from; k < to; k++ {
		if d.inL(k, gazetteer.ListJoiningWords) && !d.inL(k-1, gazetteer.ListNegations) || d.troopsFrom(k) {
			return true
		}
	}
	return false
}

// clauseDeclines reports whether the clause of token i (between commas) speaks of taking
// part only to say no: "Japan has provided funding, and Thailand brought a battalion" makes
// Thailand a participant, not Japan.
func (d *exerciseStage) clauseDeclines(i int, s sent, year int) bool {
	a := i
	for a > s.from && !d.is(a-1, ",") {
		a--
	}
	b := d.clauseEnd(i, s.to)
	cue := false
	for k := a; k < b; k++ {
		if d.troopsFrom(k) {
			return false
		}
		if d.inL(k, gazetteer.ListParticipation) {
			if d.participationCue(a, k, b, year) {
				return false
			}
			cue = true
		}
	}
	return cue
}

// endsAt reports whether a sentence gives the end of something: "ends on", "runs until".
func (d *exerciseStage) endsAt(s sent) bool {
	for i := s.from; i < s.to; i++ {
		if d.inL(i, gazetteer.ListEndWords) {
			return true
		}
	}
	return false
}

// participates reports whether tokens [from, to) speak of taking part in an exercise of the
// given year: a participation cue, or troops from somewhere.
func (d *exerciseStage) participates(from, to, year int) bool {
	for i := from; i < to; i++ {
		// participationCue wants a participation word: the list is asked here, in the loop.
		if d.g.Info(d.lid[i]).Lists&gazetteer.ListParticipation != 0 && d.participationCue(from, i, to, year) || d.troopsFrom(i) && !d.otherYearAfter(i, to, year) {
			return true
		}
		// "Exercise Coral Tern, with Ghana and Togo, opens", "drills with Japan".
		if i > from && d.inTerm(i, gazetteer.TermCompanyPrepositions) {
			b := i - 1
			if d.is(b, ",") && b > from {
				b--
			}
			if d.exAt[b] > 0 || d.feat[b].ex > 0 && !d.toks[b].Cap() {
				return true
			}
		}
	}
	return false
}

// clauseEnd returns the end of the clause that starts at token i: the next comma or the
// sentence's end.
func (d *exerciseStage) clauseEnd(i, end int) int {
	for ; i < end && !d.is(i, ","); i++ {
	}
	return i
}

// participationCue reports whether token i says that someone takes part: a participation
// word that is not negated ("is not taking part"), does not send mere observers, and is not
// about another year's edition ("took part in 2014", "invited to take part in 2029", "took
// part in NORTREX 24", "was last held in 2022, when Vanuatu also took part").
func (d *exerciseStage) participationCue(from, i, end, year int) bool {
	if !d.inL(i, gazetteer.ListParticipation) {
		return false
	}
	for k := i - 1; k >= 0 && i-k <= 2; k-- {
		if d.inL(k, gazetteer.ListNegations) {
			return false
		}
	}
	// The thing sent is the first troop word, aircraft type or non-participant word of the
	// phrase after the cue: "will send a small team of observers" sends observers, "will send
	// troops and observers" troops, "sent F-15s and an airborne warning aircraft" F-15s.
	troops := false
	for k := i + 1; k < end && k-i <= 8 && d.toks[k].Kind == gazetteer.Word && !d.inR(k, gazetteer.RoleListConjunctions); k++ {
		if d.inL(k, gazetteer.ListNonParticipantWords) {
			return false
		}
		// An aircraft's or a ship's type is a force: "brought F-35As", "providing E-3 … support".
		if w := d.tx(k); d.inL(k, gazetteer.ListTroopWords) || hasDigit(w) && hasLetter(w) {
			troops = true
			break
		}
	}
	// "would send two officers to observe": whoever is sent to watch is an observer.
	for k := i + 1; k < end && k-i <= 6 && d.toks[k].Kind == gazetteer.Word; k++ {
		if d.inR(k, gazetteer.RoleInfinitiveMarkers) && d.inL(k+1, gazetteer.ListObserverWords) {
			return false
		}
	}
	// "as part of Operation Kindred Sail": "part" joins only after a take verb or a possessive.
	if d.inR(i, gazetteer.RoleParticipationNouns) && !d.inR(i-1, gazetteer.RoleTakeVerbs) && !d.inL(i-1, gazetteer.ListPossessiveDeterminers) {
		return false
	}
	// "Thailand is providing a frigate" takes part; "the US has provided funding" does not,
	// nor "The United States and France provided aircraft … but are not taking part".
	if d.inR(i, gazetteer.RoleSupplyVerbs) {
		if !troops {
			return false
		}
		for k := i + 1; k < end && k-i <= 12 && !d.is(k, ",") && !d.is(k, "."); k++ {
			if d.inL(k, gazetteer.ListParticipation) && (d.inL(k-1, gazetteer.ListNegations) || d.inL(k-2, gazetteer.ListNegations)) {
				return false
			}
		}
	}
	if year == 0 {
		return true
	}
	for k := i + 1; k < end && k-i <= 5; k++ {
		if d.otherYear(k, year) {
			return false
		}
		// "took part last year", "in the previous year", "expected to join next year".
		if d.previousYear(k) || d.inR(k, gazetteer.RoleFollowingDeterminers) && d.inR(k+1, gazetteer.RoleYearUnits) {
			return false
		}
	}
	for k := from + 1; k < i; k++ {
		if d.yearAfterPreposition(k) && d.otherYear(k, year) {
			return false
		}
	}
	// "Last year, the exercise included the United States and Australia" (not "Unlike last
	// year, Australia is taking part").
	for k := from; k+1 < i; k++ {
		if d.previousYear(k) && (k == from || d.inL(k-1, gazetteer.ListTimePrepositions)) {
			return false
		}
	}
	return true
}

// otherYearAfter reports whether a year other than year comes within six tokens after token
// i, before a comma: "hosted troops from Britain in 2019".
func (d *exerciseStage) otherYearAfter(i, to, year int) bool {
	for k := i + 1; k < to && k-i <= 6 && !d.is(k, ","); k++ {
		if year != 0 && d.otherYear(k, year) {
			return true
		}
	}
	return false
}

// yearAfterPreposition reports whether token k follows a time preposition, directly or past
// an article: "in 2014", "In the 2019 edition".
func (d *exerciseStage) yearAfterPreposition(k int) bool {
	// One look at the word before in the common case, a word of neither list.
	if !d.inL(k-1, gazetteer.ListTimePrepositions|gazetteer.ListDefiniteArticles) {
		return false
	}
	return d.inL(k-1, gazetteer.ListTimePrepositions) || d.inL(k-2, gazetteer.ListTimePrepositions)
}

// previousYear reports whether tokens k and k+1 say "last year", "the previous year".
func (d *exerciseStage) previousYear(k int) bool {
	return d.inR(k, gazetteer.RolePreviousDeterminers) && d.inR(k+1, gazetteer.RoleYearUnits)
}

// otherYear reports whether token k names a year other than year: a year ("2014"), an
// exercise named with another year, or the two digits after an exercise's name ("NORTREX
// 24").
func (d *exerciseStage) otherYear(k, year int) bool {
	if y := yearNum(d.tx(k)); y != 0 {
		return y != year
	}
	if n := d.exAt[k]; n > 0 {
		if y := d.xs[n-1].year; y != 0 && y != year {
			return true
		}
	}
	if w := d.tx(k); k > 0 && d.exAt[k-1] > 0 && d.exAt[k] == 0 && len(w) == 2 && isDigitByte(w[0]) && isDigitByte(w[1]) {
		return 2000+int(w[0]-'0')*10+int(w[1]-'0') != year
	}
	return false
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
func (d *exercises) exerciseList(t *text) []facts.Exercise {
	xs := t.sc.xs[:0]
	nm, np := 0, 0
	for _, x := range d.xs {
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
			spans = append(spans, t.spanOf(m.from, m.to))
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
	t.sc.xs = zeroed(xs)
	return out
}

func sortByFirst(xs []*described) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j].mentions[0].from < xs[j-1].mentions[0].from; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}
