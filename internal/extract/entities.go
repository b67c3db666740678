package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// ent is an entity being gathered.
type ent struct {
	id, name    string
	typ         facts.EntityType
	title       string
	affiliation string // country id
	country     string // organizations and groups: the country they belong to
	head, topic string // organizations: "ministry", "defense"
	first       int    // code point of the first mention
	gender      byte   // persons: 'f' or 'm' when a title or "Ms."/"Mr." says so
	// persons: the first and last words of the name, for knownPerson
	firstWord, lastWord string
	mentions            []facts.Span
	surface             []string
	nments              int // mentions, counted by entityList to size the two lists above
}

// ment is one mention: a token range naming an entity.
type ment struct {
	from, to int
	e        *ent
	kind     gazetteer.Kind // how a country was named (demonym, capital...), 0 otherwise
}

// slug is facts.Slug with a fast path for ASCII names, most of them (appendSlug), that builds
// the id in one allocation. TestSlug holds it to facts.Slug.
func slug(name string) string {
	var room [64]byte // most names fit: the id is built on the stack, then copied once
	return string(appendSlug(room[:0], name))
}

// appendSlug appends slug(name) to b, through facts.AppendSlugASCII for ASCII, nearly every
// name.
func appendSlug(b []byte, name string) []byte {
	if s, ok := facts.AppendSlugASCII(b, name); ok {
		return s
	}
	return append(b, facts.Slug(name)...)
}

// entityNamed returns the entity whose id is slug(name), creating it with that name. The id
// is built in d.buf and looked up from there: only a new entity's is copied into a string.
func (d *entityStage) entityNamed(name string, typ facts.EntityType) *ent {
	d.buf = appendSlug(d.buf[:0], name)
	if e, ok := d.byID[string(d.buf)]; ok {
		return e
	}
	return d.entity(string(d.buf), name, typ)
}

// entity returns the entity with the given id, creating it.
func (d *entityStage) entity(id, name string, typ facts.EntityType) *ent {
	if e, ok := d.byID[id]; ok {
		return e
	}
	// The records come from chunks, not one allocation each: an article has tens of them.
	// Each chunk is twice the last (the pool keeps the last), so that after a few articles
	// one pooled chunk holds them all. A full chunk is not regrown: its records are pointed to.
	if len(d.entSlab) == cap(d.entSlab) {
		d.entSlab = make([]ent, 0, max(16, 2*cap(d.entSlab)))
	}
	d.entSlab = append(d.entSlab, ent{id: id, name: name, typ: typ, first: -1})
	e := &d.entSlab[len(d.entSlab)-1]
	d.byID[id] = e
	d.ents = append(d.ents, e)
	if typ != facts.Person {
		return e // only people are indexed by name parts; splitting other names allocates for nothing
	}
	// The first and last words, as strings.Fields would cut them, without a slice of them.
	n := 0
	for f := range strings.FieldsSeq(name) {
		if n == 0 {
			e.firstWord = f
		}
		e.lastWord = f
		n++
	}
	if n >= 2 {
		d.people = append(d.people, e)
	}
	return e
}

// mention records that tokens [from, to) name e, unless some of them already name something.
func (d *entityStage) mention(from, to int, e *ent, kind gazetteer.Kind) bool {
	if from >= to {
		return false
	}
	for i := from; i < to; i++ {
		if d.owner[i] >= 0 {
			return false
		}
	}
	n := int32(len(d.ments))
	d.ments = append(d.ments, ment{from, to, e, kind})
	for i := from; i < to; i++ {
		d.owner[i] = n
	}
	if e.typ == facts.Organization && e.head != "" {
		d.orgByHead.add("", e.head, e.topic, e)
	}
	return true
}

// mentionAt returns the mention covering token i.
func (d *entities) mentionAt(i int) (ment, bool) {
	if i < 0 || i >= len(d.owner) || d.owner[i] < 0 {
		return ment{}, false
	}
	return d.ments[d.owner[i]], true
}

// countryEnt returns the entity of a country id.
func (d *entityStage) countryEnt(id string) *ent {
	if e, ok := d.byID[id]; ok {
		return e // most mentions of a country are not its first: no need to copy its record
	}
	c, _ := d.g.Country(id)
	if c.Territory {
		return d.entity(id, c.Name, facts.Location) // "Guam", "Greenland": a place
	}
	return d.entity(id, c.Name, facts.Country)
}

// readEntities is the entities stage: it reads the text and the names, and returns the
// entities it finds.
func readEntities(t *text, nm *names) *entities {
	sc, n := t.sc, len(t.toks)
	d := &sc.entities
	*d = entityStage{text: t, names: nm, entities: entities{
		owner: sc.ints[:n:n], ments: sc.ments[:0], inner: sc.inner[:0],
		people: sc.people[:0], ents: sc.ents[:0], entSlab: sc.entSlab[:0], byID: sc.byID,
	}}
	d.orgByHead.recs, d.orgByCountry.recs = sc.orgByHead[:0], sc.orgByCountry[:0]
	if d.byID == nil {
		d.byID = make(map[string]*ent, n/20+4) // an entity per twenty tokens
	}
	d.findEntities()
	return &d.entities
}

// findEntities reads every sentence left to right, trying at each token the rules from the
// most specific (a title before a name) to the least (a bare capitalised name), then resolves
// surnames and nominals it could not place on the first pass.
func (d *entityStage) findEntities() {
	for _, ev := range d.events {
		d.mention(ev.from, ev.to, d.entityNamed(d.spanText(ev.from, ev.to), facts.Event), 0)
	}
	d.datelineEntities()
	d.quotedOutlets()
	d.orgEvidence()
	var pending []span // capitalised runs not yet known to be anything
	// The per-token slices, held here: the rules write into them but never replace them.
	toks, feat, owner, claimed, body := d.toks, d.feat, d.owner, d.claimed, d.body
	for _, s := range d.sents {
		for i := s.from; i < s.to; {
			t, f := &toks[i], &feat[i]
			// Most tokens are lower-case words that are no title, and are let go first, at
			// their first byte: of the rules below, such a word can start only a nominal
			// ("the") or a name with a particle ("al-Otaibi"). An acronym has no lower case,
			// and a known name or any other name word starts with a capital.
			if c := body[t.b0]; 'a' <= c && c <= 'z' && f.title == 0 && !d.inL(i, gazetteer.ListDefiniteArticles) && !d.prefixedName(i) {
				i++
				continue
			}
			if owner[i] >= 0 || claimed[i] {
				i++
				continue
			}
			// A title, a known name or a capitalised word may start a titled person, a
			// named place or an organization; at any other token those rules find nothing,
			// and are not tried.
			full := t.cap || f.title != 0 || f.name != 0 || t.digit && isOrdinal(d.lo(i)) // "7th Brigade"
			if t.cap {
				// A city or state of two or more words ends where its name ends, before a
				// country its last word would otherwise be read as ("Western Australia").
				if city, n := d.g.CityAt(d.kid, i); n > 1 && i+n <= s.to && !d.tok(i+n).Cap() && d.headLen(i+n) == 0 && !d.placeHead(i+n) {
					if !d.orgRun(i, i+n) { // "Western Australia" the team, beaten by six wickets
						d.cityMention(span{i, i + n}, city)
					}
					i += n
					continue
				}
				if n := d.place(i, s.to); n > 0 {
					i += n
					continue
				}
			}
			if f.name != 0 && t.Kind == gazetteer.Word {
				// A short form the text defined wins over the gazetteer's: "Armed Forces of
				// the Philippines (AFP)", then "AFP spokesperson", is no news agency.
				if e := d.acronymAt(i); e != nil {
					d.mention(i, i+1, e, 0)
					i++
					continue
				}
			}
			if n := d.legalPrefixed(i, s.to); n > 0 {
				i += n
				continue
			}
			if t.cap && d.inTerm(i, gazetteer.TermPartyNames) && d.headLen(i+1) == 0 && (d.tok(i+1).Kind == gazetteer.Possessive || d.titleLen(i+1) > 0 || d.postNominal(i+1) || !d.tok(i+1).Cap() && !d.opensSentence(i)) {
				// "Labor's Member for Arnhem", "Greens MP Jenny Lu": a party's short name
				// standing alone.
				d.mention(i, i+1, d.entityNamed(d.tx(i), facts.Organization), 0)
				i++
				continue
			}
			if full {
				if n := d.titledPerson(i, s.to); n > 0 {
					i += n
					continue
				}
				if n := f.title; n >= 2 && (d.tok(i+int(n)).Cap() || d.tok(i+int(n)-1).Cap()) && d.nameAtTokKind(i) == 0 {
					// "Flag Officer Commanding Eastern Fleet": a title of several words before
					// a name that is no person's is no part of that name; "the Chief of Naval
					// Operations, Adm. …" names nobody itself.
					i += int(n)
					continue
				}
				if n := d.named(i, s.to); n > 0 {
					i += n
					continue
				}
			} else if t.Kind != gazetteer.Word {
				i++ // the rules below all start at a word
				continue
			}
			if e := d.acronymAt(i); e != nil && d.toks[i].Kind == gazetteer.Word {
				d.mention(i, i+1, e, 0)
				i++
				continue
			}
			if full {
				if n := d.organization(i, s.to, "", i); n > 0 {
					i += n
					continue
				}
				if n := d.acronymOrg(i, s.to); n > 0 {
					i += n
					continue
				}
			}
			if n := d.nominal(i, s.to); n > 0 {
				i += n
				continue
			}
			if n := d.nameRun(i, s.to); n > 0 {
				if !d.runPerson(i, i+n, s.to) {
					if n > 1 && d.capitalSurname(i+n-1) {
						// Known at once, so that the bare surname later names the person.
						d.mention(i, i+n, d.person(i, i+n), 0)
					} else {
						pending = append(pending, span{i, i + n})
					}
				}
				i += n
				continue
			}
			i++
		}
	}
	for _, r := range pending {
		d.resolveRun(r)
	}
	d.placeLists(pending)
	d.shortFormDefinitions()
	// Later rules walk mentions in text order; the second pass appended out of order.
	sortStable(d.ments, byFrom)
	d.reindexOwners()
	d.transcriptLabels()
}

// placeLists makes the single words left unresolved that stand in a list beside a place places
// too: "on Lesbos, Chios, Samos and Rhodes" once "Chios" is known. A list may grow either way,
// so the runs are gone over forwards and backwards until nothing changes (three times at most).
func (d *entityStage) placeLists(pending []span) {
	for pass := 0; pass < 3; pass++ {
		changed := false
		for k := range pending {
			r := pending[k]
			if pass%2 == 1 {
				r = pending[len(pending)-1-k]
			}
			if r.to-r.from != 1 || d.owner[r.from] >= 0 || d.tok(r.to).Kind == gazetteer.Possessive || !d.inList(r) {
				continue
			}
			if !d.placeListed(r) && !d.cityInPlaceList(r) {
				continue
			}
			d.mention(r.from, r.to, d.entityNamed(d.tx(r.from), facts.Location), 0)
			changed = true
		}
		if !changed {
			return
		}
	}
}

// cityInPlaceList reports whether the one-word run r is a gazetteer city in a list of single
// names after a preposition of place or motion ("on Lesbos, Chios, Samos and Rhodes").
func (d *entityStage) cityInPlaceList(r span) bool {
	if _, n := d.g.CityAt(d.kid, r.from); n != 1 {
		return false
	}
	k := r.from
	// A list longer than maxLookBack tokens is read from its last maxLookBack: reading every
	// list back to its start once per name in it was quadratic.
	for k-2 >= 0 && r.from-k < maxLookBack && (d.is(k-1, ",") || d.inR(k-1, gazetteer.RoleListConjunctions)) && d.toks[k-2].Cap() && d.toks[k-2].Kind == gazetteer.Word && !d.nameWord(k-3) {
		k -= 2
	}
	p := k - 1
	return !d.tok(p).Cap() && (d.inL(p, gazetteer.ListPlacePrepositions|gazetteer.ListOriginPrepositions) || d.inR(p, gazetteer.RoleSitePrepositions|gazetteer.RoleMotionPrepositions) || d.inTerm(p, gazetteer.TermCityPrepositions))
}

// inList reports whether the run r stands in a list of names: after a comma or a list
// conjunction, or before one whose next name is followed by another.
func (d *entityStage) inList(r span) bool {
	if d.is(r.from-1, ",") || d.inR(r.from-1, gazetteer.RoleListConjunctions) || d.inR(r.to, gazetteer.RoleListConjunctions) {
		return true
	}
	return d.is(r.to, ",") && (d.is(r.to+2, ",") || d.inR(r.to+2, gazetteer.RoleListConjunctions))
}

// reindexOwners points every token of a mention at that mention's index in d.ments, after the
// mentions were reordered or some were dropped.
func (d *entityStage) reindexOwners() {
	for k, m := range d.ments {
		for i := m.from; i < m.to; i++ {
			d.owner[i] = int32(k)
		}
	}
}

// datelineEntities records the place and agency of a dateline: "MANILA" is the place
// Manila, "(Harbor Wire)" an organization; neither is ever a speaker.
func (d *entityStage) datelineEntities() {
	if p := d.line.place; p.to > p.from {
		name := d.spanText(p.from, p.to)
		if allCaps(name) {
			name = titleCase(strings.ToLower(name)) // "NEW DELHI" is New Delhi
		}
		if !d.gazetteerPlace(p) {
			loc := d.entityNamed(name, facts.Location)
			if e, n := d.nameAtTok(p.from); n == p.to-p.from && e.Kind == gazetteer.KindCapital {
				loc.country = e.ID
			}
			d.mention(p.from, p.to, loc, 0)
		}
	}
	if r := d.line.region; r.to > r.from {
		city, m := d.g.CityAt(d.kid, r.from)
		switch {
		case r.to == r.from+1 && d.abbrevDot(r.to):
			// "SACRAMENTO, Calif., Nov. 17": a state abbreviated names it by no name of
			// its own.
		case d.gazetteerPlace(r):
		case m == r.to-r.from && city.Country != "":
			d.cityMention(r, city)
		default:
			d.mention(r.from, r.to, d.entityNamed(d.spanText(r.from, r.to), facts.Location), 0)
		}
	}
	if a := d.line.agency; a.to > a.from {
		if e, n := d.nameAtTok(a.from); n == a.to-a.from && e.Kind == gazetteer.KindOrganization {
			d.mention(a.from, a.to, d.knownOrg(e), 0)
		} else if e := d.acronymAt(a.from); e != nil && a.to == a.from+1 {
			d.mention(a.from, a.to, e, 0)
		} else {
			d.mention(a.from, a.to, d.entityNamed(d.spanText(a.from, a.to), facts.Organization), 0)
		}
	}
}

// gazetteerPlace records the country, demonym or region that the gazetteer knows by exactly the
// tokens of sp, and reports whether there was one.
func (d *entityStage) gazetteerPlace(sp span) bool {
	e, n := d.nameAtTok(sp.from)
	if n != sp.to-sp.from {
		return false
	}
	switch e.Kind {
	case gazetteer.KindCountry, gazetteer.KindDemonym:
		d.mention(sp.from, sp.to, d.countryEnt(e.ID), e.Kind)
	case gazetteer.KindRegion:
		d.mention(sp.from, sp.to, d.entity(e.ID, e.Name, facts.Location), 0)
	default:
		return false
	}
	return true
}

// nameWord reports whether token i can be part of a person's name.
func (d *entityStage) nameWord(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	t := d.toks[i]
	if t.Kind != gazetteer.Word || d.claimed[i] || d.owner[i] >= 0 || !(t.Cap() || d.prefixedName(i)) {
		return false
	}
	// What the gazetteer knows (names, heads, titles, event words) is not a person's name.
	if f := d.feat[i]; f.name != 0 || f.head != 0 || f.title != 0 || f.ex != 0 || f.event != 0 {
		return false
	}
	if w := d.tw(i); w.Stop || d.placeHead(i) || d.acronymAt(i) != nil || w.Month != 0 || w.IsWeekday {
		return false
	}
	if d.lw(i).Group {
		return false // "Prosecutors say": a group of speakers (data/group_nouns.txt), nobody's name
	}
	if d.is(i+1, ":") && d.inR(i, gazetteer.RoleHeadlineLabels) {
		return false // "UPDATE: …", "Read more: …"
	}
	for _, r := range d.tx(i) {
		if r >= '0' && r <= '9' {
			return false
		}
	}
	// An all-capital word of two or more letters is an acronym, not a name.
	return !(len(d.tx(i)) > 1 && allCaps(d.tx(i)))
}

// allCaps reports whether a word has no lower-case letter, without building an upper-case copy.
func allCaps(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// prefixedName reports whether token i is a name with a lower-case particle of
// data/words/name_prefixes.txt: "al-Otaibi".
func (d *entityStage) prefixedName(i int) bool {
	w := d.tx(i)
	// Most words fail at their first byte: no particle starts with it.
	if !d.g.MayStart(w[0], gazetteer.ListNamePrefixes) {
		return false
	}
	// The particle ends at the word's first hyphen, and a capital follows it.
	h := strings.IndexByte(w, '-')
	if h < 1 || h+1 >= len(w) {
		return false
	}
	if d.g.Info(d.g.ID(w[:h])).Lists&gazetteer.ListNamePrefixes == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w[h+1:])
	return unicode.IsUpper(r)
}

// placeHead reports whether token i is a capitalised word that ends a place name ("Base").
func (d *entityStage) placeHead(i int) bool {
	t := d.tok(i)
	return t.Kind == gazetteer.Word && t.Cap() && d.inL(i, gazetteer.ListLocationHeads)
}

// particle reports whether token i joins parts of a name ("bin", "van", "de").
func (d *entityStage) particle(i int) bool { return d.inT(i, gazetteer.ListNameParticles) }

// nameRun returns the length of the run of name words at i (at most four words).
func (d *entityStage) nameRun(i, end int) int {
	if !d.nameWord(i) {
		return 0
	}
	j := i + 1
	// Initials may open a name: "R. K. Devika", "P. Lakshmi". An initial alone, or before a
	// word that is no name, names nobody here.
	for j+1 < end && d.initial(j-1) && (d.initial(j+1) && d.nameWord(j+3) || d.nameWord(j+1)) && j-i < 4 {
		j += 2
	}
	for j < end && j-i < 5 {
		if j+2 < end && d.initial(j) && (d.nameWord(j+2) || d.titleSurname(j+2)) {
			j += 3 // a middle initial: "John D. Harper"
		} else if d.nameWord(j) {
			j++
		} else if d.particle(j) && j+1 < end && d.nameWord(j+1) {
			j += 2
		} else {
			break
		}
	}
	// A capital after a given name is a surname: "Reece Hamilton", "Andrés Lima". The full
	// name of a person wins over the place reading of its last word.
	if j < end && j-i < 5 && d.capitalSurname(j) {
		j++
	}
	return j - i
}

// capitalSurname reports whether token i, right after a name word, is a one-word capital
// the gazetteer knows that ends a person's name: not in capitals (a dateline), and no
// capitalised word follows ("Kingston Harbour").
func (d *entityStage) capitalSurname(i int) bool {
	t := d.tok(i)
	if t.Kind != gazetteer.Word || !t.Cap() || d.claimed[i] || d.owner[i] >= 0 || allCaps(d.tx(i)) {
		return false
	}
	if e, n := d.nameAtTok(i); n != 1 || e.Kind != gazetteer.KindCapital {
		return false
	}
	return !(d.tok(i+1).Kind == gazetteer.Word && d.tok(i+1).Cap())
}

// titleSurname reports whether token i, after a middle initial, is a surname that is also a
// one-word title: "Sheikh" in "Nadeem A. Sheikh will attend".
func (d *entityStage) titleSurname(i int) bool {
	t := d.tok(i)
	return t.Kind == gazetteer.Word && t.Cap() && !d.claimed[i] && d.owner[i] < 0 && d.titleLen(i) == 1 && d.headLen(i) == 0 && d.feat[i].name == 0 && !d.tok(i+1).Cap()
}

// initial reports whether tokens i, i+1 are a middle initial: one capital letter and a
// full stop right after it ("D." in "John D. Harper").
func (d *entityStage) initial(i int) bool {
	t := d.tok(i)
	return t.Kind == gazetteer.Word && t.End-t.Start == 1 && t.Cap() && d.is(i+1, ".") && d.toks[i+1].Start == t.End && !d.claimed[i] && d.owner[i] < 0
}

// person returns the person named by tokens [from, to): an earlier person whose name ends or
// starts with this single word, or a new one.
func (d *entityStage) person(from, to int) *ent {
	if to-from == 1 {
		if p := d.knownPerson(d.tx(from)); p != nil {
			return p
		}
	}
	name := d.spanText(from, to)
	return d.entityNamed(name, facts.Person)
}

// knownPerson finds the most recently introduced person whose name has word as its last (or
// else first) word.
//
// An article names a handful of people: a scan of them, latest first, costs less than
// keeping two maps by name part up to date. Past peopleScanMax people the maps are built after
// all, so that a document naming thousands of people still costs linear time.
func (d *entityStage) knownPerson(word string) *ent {
	if len(d.people) > peopleScanMax {
		return d.indexedPerson(word)
	}
	for _, e := range slices.Backward(d.people) {
		if e.lastWord == word {
			return e
		}
	}
	for _, e := range slices.Backward(d.people) {
		if e.firstWord == word {
			return e
		}
	}
	return nil
}

// surnameOf returns the person introduced earlier whose last name is the word at token i.
func (d *entityStage) surnameOf(i int) *ent {
	if p := d.knownPerson(d.tx(i)); p != nil && p.lastWord == d.tx(i) {
		return p
	}
	return nil
}

// peopleScanMax is how many people knownPerson scans before it indexes them.
const peopleScanMax = 16

// indexedPerson is knownPerson through maps by name part, brought up to date first: people
// are added in order, so a later person replaces an earlier one, as the scan prefers it.
func (d *entityStage) indexedPerson(word string) *ent {
	if d.personByLast == nil {
		d.personByLast, d.personByFirst = map[string]*ent{}, map[string]*ent{}
	}
	for _, e := range d.people[d.peopleIndexed:] {
		d.personByLast[e.lastWord] = e
		d.personByFirst[e.firstWord] = e
	}
	d.peopleIndexed = len(d.people)
	if e := d.personByLast[word]; e != nil {
		return e
	}
	return d.personByFirst[word]
}

// modifier returns the mention that ends right before token i (skipping a possessive "’s"),
// when it names a country or organization: "US" in "US Secretary of State", "China’s".
func (d *entityStage) modifier(i int) (ment, int, bool) {
	j := i - 1
	if d.tok(j).Kind == gazetteer.Possessive {
		j--
	}
	m, ok := d.mentionAt(j)
	if !ok || m.to != j+1 || (m.e.typ != facts.Country && m.e.typ != facts.Organization) {
		return ment{}, 0, false
	}
	return m, m.from, true
}

// titledPerson recognises "[Country] Title Name" ("US Defense Secretary Lloyd Austin",
// "Gen. Mark Milley", "Foreign Ministry spokesman Wang Wenbin").
func (d *entityStage) titledPerson(i, end int) int {
	n := d.titleLen(i)
	if n == 0 {
		return 0
	}
	// Titles chain: "Army Chief of Staff Gen. Rudi Santoso", "Maj. Gen. Karlis Ozols".
	n += d.titleChain(i+n, end)
	// The field a title is of or for is part of it: "Commissioner for Migration Petra
	// Novak", "the Chief of Naval Operations, Adm. Lisa Franchetti".
	hasField := false
	if w := d.titleField(i+n, end); w > 0 {
		if d.fieldRunsOn(i+n, w) && !d.inR(i+n+w-2, gazetteer.RoleListConjunctions) {
			// The field's words run on into the name: "for Migration Petra Novak" is the
			// field and a name of two words.
			w -= 2
		}
		n += w
		hasField = true
		n += d.titleChain(i+n, end)
	}
	// A title must be followed straight by a name; "the president said" is a nominal.
	k := d.nameRun(i+n, end)
	if k == 0 {
		k = d.countryFirstName(i+n, end)
	}
	if k == 0 || d.placeHead(i+n+k) || d.headLen(i+n+k) > 0 {
		if hasField {
			return n // the title and its field, which name nobody
		}
		return 0
	}
	if m := d.titleLen(i + n + k); m > 0 && !hasField && d.tok(i+n+k).Cap() && d.nameWord(i+n+k+m) {
		// "Prince Rupert Mayor Ana Lee": a title and a name before another title and a
		// name are the place whose title that is, not a person.
		d.mention(i, i+n+k, d.entityNamed(d.spanText(i, i+n+k), facts.Location), 0)
		return n + k
	}
	titleFrom := i
	affiliation := ""
	// Lower-case words may stand between the country and the title: "Philippine military
	// spokesperson Col. Francel Padilla".
	x := i
	for x-1 >= 0 && i-x < 2 && d.toks[x-1].Kind == gazetteer.Word && !d.toks[x-1].Cap() && !d.boundary(x-1) && !d.inL(x-1, gazetteer.ListArticles) && !d.inR(x-1, gazetteer.RoleListConjunctions) && d.verbLen(x-1) == 0 {
		x--
	}
	if _, _, ok := d.modifier(x); !ok {
		x = i
	}
	if m, from, ok := d.modifier(x); ok {
		titleFrom = from
		if m.e.typ == facts.Country {
			affiliation = m.e.id
		} else {
			affiliation = m.e.country
		}
	} else {
		// "Assam Chief Minister NAME": a state or city of the gazetteer before the title is
		// the place whose office it is.
		for f := i - 1; f >= 0 && i-f <= 3; f-- {
			if d.owner[f] >= 0 || d.claimed[f] || !d.toks[f].Cap() {
				break
			}
			if city, m := d.g.CityAt(d.kid, f); m == i-f && city.Country != "" {
				d.cityMention(span{f, i}, city)
				titleFrom = f
				break
			}
		}
	}
	p := d.person(i+n, i+n+k)
	d.mention(i+n, i+n+k, p, 0)
	d.markGender(p, i, i+n)
	if p.title == "" {
		p.title = d.spanText(titleFrom, i+n)
		if affiliation != "" && d.byID[affiliation] != nil {
			p.affiliation = affiliation
		}
	}
	return n + k
}

// lonePlace reports whether token i is a one-word state or city of the gazetteer with no
// capitalised word after it ("the Punjab").
func (d *entityStage) lonePlace(i int) bool {
	_, n := d.g.CityAt(d.kid, i)
	return n == 1 && !d.tok(i+1).Cap()
}

// countryFirstName returns the length of a person's name at token i whose first name is a
// country's ("captain Jordan Pyke", "Minister Israel Katz"): one word the gazetteer knows as
// a country, then name words that end the name; 0 otherwise.
func (d *entityStage) countryFirstName(i, end int) int {
	f := d.ft(i)
	if f.name == 0 || f.nameN != 1 || d.owner[i] >= 0 || d.claimed[i] || !d.toks[i].Cap() || allCaps(d.tx(i)) {
		return 0
	}
	if e, _ := d.nameAtTok(i); e.Kind != gazetteer.KindCountry {
		return 0
	}
	m := d.nameRun(i+1, end)
	if d.initial(i + 1) {
		if m = d.nameRun(i+3, end); m > 0 {
			m += 2 // "Sen. Jordan E. Hollis"
		}
	}
	if m == 0 || m > 4 || d.tok(i+1+m).Cap() || d.tok(i+1+m).Kind == gazetteer.Possessive || d.headLen(i+1+m) > 0 || d.placeHead(i+1+m) {
		return 0
	}
	return 1 + m
}

// innerConjunction reports whether token k is "and" inside an organization's name before its
// head: between two capitalised words that are no gazetteer names ("Food and Drug
// Administration"), not between two countries ("Japan and South Korea Coast Guard").
func (d *entityStage) innerConjunction(k int) bool {
	// Not after a group noun: "Sailors and Marines from the United States" are people.
	return d.inR(k, gazetteer.RoleListConjunctions) && !d.tok(k).Cap() && d.orgWord(k-1) && d.orgWord(k+1) && d.feat[k-1].name == 0 && d.feat[k+1].name == 0 && d.headLen(k-1) == 0 && !d.lw(k-1).Group
}

// titleChain returns how many tokens from i are titles in a row ("Maj. Gen.", "Army Chief of
// Staff Gen."), up to end.
func (d *entityStage) titleChain(i, end int) int {
	n := 0
	for m := d.titleLen(i); m > 0 && i+n < end; m = d.titleLen(i + n) {
		n += m
	}
	return n
}

// fieldRunsOn reports whether a title's field of w tokens at i runs on into the name after it,
// no title standing between: "for Migration Petra Novak" is the field and a name of two words.
func (d *entityStage) fieldRunsOn(i, w int) bool { return w >= 4 && d.titleLen(i+w) == 0 }

// titleField returns the length of "of"/"for" and the capitalised words of a title's field at
// token i ("for Migration", "of Naval Operations"), 0 when there are none: words that no
// rule knows, none of them an organization's or a place's head ("of the General Staff" and
// "of Brazil" name something).
func (d *entityStage) titleField(i, end int) int {
	if !d.inR(i, gazetteer.RoleComplementPrepositions|gazetteer.RoleDedicationPrepositions) || d.tok(i).Cap() {
		return 0
	}
	k := i + 1
	fieldWord := func(k int) bool {
		return k < end && d.orgWord(k) && d.headLen(k) == 0 && !d.placeHead(k) && d.feat[k].name == 0 && d.acronymAt(k) == nil &&
			!(d.inTerm(k, gazetteer.TermLegalPrefixes) && allCaps(d.tx(k))) // "director of PT Segara Permai Abadi": a company
	}
	for k-i <= 5 && fieldWord(k) {
		k++
	}
	if k > i+1 && d.inR(k, gazetteer.RoleListConjunctions) && !d.tok(k).Cap() && fieldWord(k+1) && fieldWord(k+2) {
		// "of Industry and Trade Nguyen Thi Lan Anh", "for Housing and Homelessness Peter
		// Kavanagh": the field ends at the word after its conjunction, and a name follows.
		return k + 2 - i
	}
	if k == i+1 || d.headLen(k) > 0 || d.placeHead(k) || d.orgWord(k) && d.titleLen(k) == 0 && k-i > 5 {
		return 0
	}
	return k - i
}

// named handles names the gazetteer knows: countries, demonyms, capitals, regions and
// organizations, including an organization phrase a place name starts ("China’s Defense
// Ministry", "Chinese People’s Liberation Army").
func (d *entityStage) named(i, end int) int {
	e, n := d.nameAtTok(i)
	if n == 0 || i+n > end {
		return 0
	}
	for k := i; k < i+n; k++ {
		if d.claimed[k] {
			return 0
		}
	}
	if n == 1 && d.inTerm(i, gazetteer.TermGivenNames) && !d.placeBefore(i) {
		// "Montserrat Ferrer said", "Dr Kenya Adeyemi": a country's name that is also a
		// given name, before a surname, opens a person's name.
		if k := d.countryFirstName(i, end); k > 0 {
			p := d.person(i, i+k)
			d.mention(i, i+k, p, 0)
			return k
		}
	}
	if e.Kind == gazetteer.KindRegion && d.headLen(i+n-1) == 0 {
		// "Pacific Fleet", "Baltic Fleet": a region that starts an organization's name (a
		// region whose own last word is a head, "West Bank", is the region).
		if k := d.organization(i, end, "", i); k > 0 {
			return k
		}
	}
	if e.Kind == gazetteer.KindOrganization {
		// "United Nations Command", "People’s Liberation Army Navy", "Royal Thai Army Signal
		// Department": a known organization that starts a longer one's name.
		if k, _ := d.longerOrg(i+n, end); k > 0 {
			o := d.entityNamed(d.spanText(i, i+n+k), facts.Organization)
			if o.head == "" {
				o.head, o.country = d.lo(i+n+k-1), e.Country
				d.rememberOrg(o)
			}
			if d.mention(i, i+n+k, o, 0) {
				d.acronymAfter(i+n+k, o)
				if id, m := d.placeAt(i); m == 1 && id == e.Country {
					d.nested(i, i+1, d.countryEnt(e.Country))
				}
				return n + k
			}
		}
		o := d.knownOrg(e)
		if d.mention(i, i+n, o, 0) {
			d.acronymAfter(i+n, o)
			// "Chinese People’s Liberation Army" names China too.
			if id, k := d.placeAt(i); k == 1 && n > 1 && id == e.Country {
				d.nested(i, i+1, d.countryEnt(e.Country))
			}
		}
		return n
	}
	j := i + n
	if d.tok(j).Kind == gazetteer.Possessive {
		j++
	}
	country := ""
	if e.Kind != gazetteer.KindRegion {
		country = e.ID
	}
	if o, k := d.nameAtTok(j); k > 0 && o.Kind == gazetteer.KindOrganization && o.Country != "" && o.Country == country && j+k <= end {
		if d.mention(i, j+k, d.knownOrg(o), 0) {
			d.nested(i, i+n, d.countryEnt(country))
		}
		return j + k - i
	}
	if e.Kind == gazetteer.KindCapital && j == i+n {
		// "Lisbon Commuters' Association" is the city's, not the country's: the name as
		// written, the city in it a place.
		if k := d.organization(i, end, "", i); k > 0 {
			return k
		}
	} else if k := d.organization(j, end, country, i); k > 0 {
		if country != "" {
			d.nested(i, i+n, d.countryEnt(country))
		}
		return j + k - i
	}
	// "Nigeria’s navy", "the Uzbek ministry": a lower-case head after a country.
	// A capital is no owner there: "a Dublin construction firm" is a firm in Dublin.
	if country != "" && e.Kind != gazetteer.KindCapital && (j > i+n || d.inL(i-1, gazetteer.ListArticles)) {
		k := j
		for k < end && k-j < 2 && d.headLen(k) == 0 && d.toks[k].Kind == gazetteer.Word && !d.toks[k].Cap() && !d.inL(k, gazetteer.ListTroopWords) {
			k++
		}
		if h := d.headLen(k); h > 0 && k+h <= end && !d.toks[k].Cap() && d.titleLen(k+h) == 0 && !d.inR(k+h-1, gazetteer.RoleNameHeads) {
			var words []string
			for x := j; x < k; x++ {
				words = append(words, d.lo(x))
			}
			o := d.orgEntity(country, d.lo(k+h-1), strings.Join(words, " "), titleCase(d.spanText(j, k+h)))
			if d.mention(i, k+h, o, 0) {
				d.nested(i, i+n, d.countryEnt(country))
				d.acronymAfter(k+h, o)
				return k + h - i
			}
		}
	}
	var surname *ent // "Hamilton said" after "Reece Hamilton": the person, not Bermuda
	if e.Kind == gazetteer.KindCapital && n == 1 && !d.placeBefore(i) {
		surname = d.surnameOf(i)
	}
	switch {
	case e.Kind == gazetteer.KindRegion && n == 1 && !d.placeBefore(i) && !(d.inL(i-1, gazetteer.ListDefiniteArticles) && d.placeBefore(i-1)) && !d.inR(i-1, gazetteer.RoleListConjunctions) &&
		(d.lowerWord(i+1) && !d.inR(i+1, gazetteer.RolePlaceNouns|gazetteer.RoleListConjunctions|gazetteer.RoleComplementPrepositions) && d.verbLen(i+1) == 0 && !d.inL(i+1, gazetteer.ListAuxiliaries) || d.nameWord(i-1)):
		// "the Nordic flank", "Arctic allies": a region's word describing a noun names no
		// place; nor does it after a name it ends ("FinData Nordic").
	case e.Kind == gazetteer.KindRegion:
		d.mention(i, i+n, d.entity(e.ID, e.Name, facts.Location), 0)
	case surname != nil:
		d.mention(i, i+n, surname, 0)
	case e.Kind == gazetteer.KindCapital && (d.inL(i-1, gazetteer.ListPlacePrepositions) && !d.tok(i-1).Cap() || d.inR(i-1, gazetteer.RoleSitePrepositions) || d.inL(i-1, gazetteer.ListOriginPrepositions) || d.placeBefore(i)):
		// "spoke in Abuja", "south of Bangkok": the city as a place, not the country as an actor; "a message to
		// Beijing" is to the country.
		name := d.spanText(i, i+n)
		loc := d.entityNamed(name, facts.Location)
		loc.country = e.ID
		d.mention(i, i+n, loc, 0)
	default:
		d.mention(i, i+n, d.countryEnt(e.ID), e.Kind)
	}
	return n
}

// place recognises a named place by its head word (data/words/location_heads.txt):
// capitalised words before it ("Komatsu Air Base", "Riau Islands", "Mount Bundey Training
// Area"), or a name after it ("Camp Lejeune", "Sea of Japan": the sea, not Japan). It returns
// the number of tokens consumed, 0 when there is no such place.
func (d *entityStage) place(i, end int) int {
	k := i
	// A title may begin a place's name: "King Faisal Air Base".
	// A possessive may stand before the head: "Brooke's Point".
	for k < end && k-i < 4 && (d.placeWordAt(k) || d.titleLen(k) > 0 && d.toks[k].Cap() && !d.claimed[k] && d.owner[k] < 0 || k > i && d.tok(k).Kind == gazetteer.Possessive && d.placeHeadAt(k+1)) && !d.placeHeadAt(k) {
		k++
	}
	h := k
	for h < end && h-k < 2 && d.placeHeadAt(h) {
		h++
	}
	// A head, a word or two and another head: "Shoalwater Bay Training Area".
	if h > k && k > i {
		x := h
		for x < end && x-h < 2 && d.placeWordAt(x) && !d.placeHeadAt(x) && d.headLen(x) == 0 {
			x++
		}
		if x > h && x < end && d.placeHeadAt(x) {
			h = x + 1
		}
	}
	switch {
	case h == k:
		return 0
	case k > i:
		// Words, then the head, and a name after a base's: "RAAF Base Pearce".
		if d.placeWordAt(h) && d.headLen(h) == 0 && !d.placeHeadAt(h) && h == k+1 && !d.tok(h+1).Cap() && d.tok(h).Kind == gazetteer.Word && !d.tok(h).IsDigitWord() && d.nameAtTokKind(h) == 0 {
			h++
		}
	case d.inR(h, gazetteer.RoleComplementPrepositions) && d.tok(h+1).Cap() && d.tok(h+1).Kind == gazetteer.Word && !d.claimed[h+1]:
		// "Sea of Japan", "Gulf of Oman": the head, "of" and a name.
		if _, n := d.nameAtTok(h + 1); n > 0 {
			h += 1 + n
		} else {
			h += 2
		}
	case h < end && d.placeWordAt(h) && d.headLen(h) == 0 && !d.tok(h).IsDigitWord():
		// "Camp Lejeune": the head, then the name (not a number: "Region 2").
		for h < end && d.placeWordAt(h) && d.headLen(h) == 0 && !d.placeHeadAt(h) {
			h++
		}
	default:
		return 0
	}
	if h > end || d.headLen(h) > 0 || d.titleLen(h) > 0 || d.onlyPlaces(i, h) && k == h {
		return 0 // "Coast Guard", "Base Commander": not a place
	}
	if m, _ := d.longerOrg(h, end); m > 0 {
		return 0 // "Southern Plains Weather Office": an organization the place's name starts
	}
	if h < end && d.tok(h).IsDigitWord() && d.placeHeadAt(h-1) {
		return 0 // "Naval Region 2": a numbered command, not a place
	}
	// A name the gazetteer knows in full ("South China Sea") is left to named.
	if _, n := d.nameAtTok(i); n > 0 && i+n >= h {
		return 0
	}
	loc := d.entityNamed(d.spanText(i, h), facts.Location)
	if !d.mention(i, h, loc, 0) {
		return 0
	}
	// "Al Wusta Governorate", "Punjab province": a state or city of the gazetteer before the
	// head says the place's country.
	if city, n := d.g.CityAt(d.kid, i); n > 0 && i+n == k && loc.country == "" {
		loc.country = city.Country
	}
	return h - i
}

// placeWordAt reports whether token i can stand in a place's name: a capitalised word that
// no rule has taken and that is no title.
func (d *entityStage) placeWordAt(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	t := &d.toks[i]
	return t.Kind == gazetteer.Word && (t.Cap() || t.IsDigitWord()) && !d.claimed[i] && d.owner[i] < 0 && !d.tw(i).Stop && d.titleLen(i) == 0 && d.tw(i).Month == 0
}

// placeHeadAt is placeHead of a word that starts no organization head ("Coast Guard").
func (d *entityStage) placeHeadAt(i int) bool { return d.placeHead(i) && d.headLen(i) == 0 }

// nameAtTokKind returns the kind of gazetteer name starting at token i, 0 for none.
func (d *entityStage) nameAtTokKind(i int) gazetteer.Kind {
	e, n := d.nameAtTok(i)
	if n == 0 {
		return 0
	}
	return e.Kind
}

// placeAt returns the country id a single word at token i names ("Chinese" → "china").
func (d *entityStage) placeAt(i int) (string, int) {
	if e, n := d.g.NameAt(d.kid[i:i+1], 0); n == 1 && e.Kind != gazetteer.KindOrganization && e.Kind != gazetteer.KindRegion {
		return e.ID, 1
	}
	return "", 0
}

// nested records a mention inside another one ("China" in "China’s Defense Ministry"): it is
// listed with the entity but owns no tokens, so the rules still see the outer mention.
func (d *entityStage) nested(from, to int, e *ent) {
	d.inner = append(d.inner, ment{from: from, to: to, e: e})
}

// acronymAfter records "(PAF)" after an organization's name as its short form, so that a later
// bare "PAF" names it too.
func (d *entityStage) acronymAfter(j int, e *ent) {
	if !d.is(j, "(") || !d.is(j+2, ")") {
		return
	}
	t := d.tok(j + 1)
	if t.Kind != gazetteer.Word || len(d.tx(j+1)) < 2 || !shortForm(d.tx(j+1)) || d.owner[j+1] >= 0 {
		return
	}
	if d.acronyms == nil {
		d.acronyms = map[string]*ent{}
	}
	if key := gazetteer.Key(d.tx(j + 1)); d.acronyms[key] == nil {
		d.acronyms[key] = e
	}
	d.mention(j+1, j+2, e, 0)
}

// kindAcronym reports whether token k is an acronym no list knows, standing alone: in
// capitals, no capitalised word after it.
func (d *entityStage) kindAcronym(k int) bool {
	t := d.tok(k)
	w := d.tx(k)
	return t.Kind == gazetteer.Word && len(w) >= 3 && allCaps(w) && shortForm(w) && !t.IsDigitWord() && d.ft(k).name == 0 && d.owner[k] < 0 && !d.claimed[k] && !d.tok(k+1).Cap()
}

// shortForm reports whether a word can be an organization's short form: in capitals ("PAF"),
// or short with two capitals or more, the first first ("MoD", "DoD").
func shortForm(w string) bool {
	if allCaps(w) {
		return true
	}
	if len(w) > 5 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	n := 0
	for i := 0; i < len(w); i++ {
		if 'A' <= w[i] && w[i] <= 'Z' {
			n++
		}
	}
	return n >= 2
}

// acronymAt returns the organization an acronym at token i stands for, if one was defined.
func (d *entityStage) acronymAt(i int) *ent {
	if d.acronyms == nil {
		return nil // most articles define none: no key to build
	}
	// A short form starts with a capital (shortForm): most words fail at their first byte.
	if c := d.body[d.toks[i].b0]; 'a' <= c && c <= 'z' {
		return nil
	}
	return d.acronyms[gazetteer.Key(d.tx(i))]
}

// acronymOrg recognises "Inter-Services Public Relations (ISPR)": capitalised words followed
// by an acronym in brackets name an organization.
func (d *entityStage) acronymOrg(i, end int) int {
	k := i
	for k < end && k-i < 6 && (d.orgWord(k) || (k > i && d.inR(k, gazetteer.RoleComplementPrepositions|gazetteer.RoleListConjunctions|gazetteer.RoleDedicationPrepositions) && d.orgWord(k+1))) {
		k++
	}
	if k-i < 2 || !d.is(k, "(") || !d.is(k+2, ")") {
		return 0
	}
	t := d.tok(k + 1)
	if t.Kind != gazetteer.Word || len(d.tx(k+1)) < 2 || !shortForm(d.tx(k+1)) {
		return 0
	}
	name := d.spanText(i, k)
	e := d.entityNamed(name, facts.Organization)
	if !d.mention(i, k, e, 0) {
		return 0
	}
	d.acronymAfter(k, e)
	return k + 3 - i
}

// knownOrg returns the entity of an organization the gazetteer knows.
func (d *entityStage) knownOrg(o gazetteer.Entry) *ent {
	e := d.entity(o.ID, o.Name, facts.Organization)
	if e.country == "" {
		e.country = o.Country
	}
	return e
}

// longerOrg returns the length of the capitalised words and organization head at token j
// that make an organization's name before them a longer name ("Navy" after "People’s
// Liberation Army", "Signal Department" after "Royal Thai Army"), and where that head
// starts; 0 when there are none.
func (d *entityStage) longerOrg(j, end int) (int, int) {
	x := j
	for x < end && x-j < 3 && d.headLen(x) == 0 && d.orgWord(x) && d.nameAtTokKind(x) == 0 {
		x++
	}
	h := d.headLen(x)
	if h == 0 || x+h > end || !d.tok(x).Cap() || d.claimed[x] || d.owner[x] >= 0 {
		return 0, 0
	}
	return x + h - j, x
}

// orgWord reports whether token i can stand inside an organization's name before its head.
func (d *entityStage) orgWord(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	// A pointer, not a copy: this runs for nearly every token, and a Token is large.
	t := &d.toks[i]
	return t.Kind == gazetteer.Word && t.Cap() && !d.claimed[i] && d.owner[i] < 0 && !d.tw(i).Stop && d.titleLen(i) == 0
}

// leadingHeadOrg recognises an organization whose name opens with its head in another
// language (data/words/leading_heads.txt), then capitalised words and name particles: "Museu
// de la Ribera", "Museu Casa Vidal". It returns the tokens consumed, 0 when there is none.
func (d *entityStage) leadingHeadOrg(j, end int) int {
	if !d.inTerm(j, gazetteer.TermLeadingHeads) || !d.tok(j).Cap() || d.claimed[j] || d.owner[j] >= 0 {
		return 0
	}
	last := j
	for x := j + 1; x < end && x-j < 7; x++ {
		if d.orgWord(x) {
			last = x
		} else if !d.particle(x) || d.tok(x).Cap() {
			break
		}
	}
	if last == j {
		return 0
	}
	e := d.entityNamed(d.spanText(j, last+1), facts.Organization)
	if !d.mention(j, last+1, e, 0) {
		return 0
	}
	d.acronymAfter(last+1, e)
	return last + 1 - j
}

// conjoinedHead returns where the head after "and" starts and its length when token i is a
// capitalised sector word (data/words/name_heads.txt) followed by "and", capitalised words no
// gazetteer knows and a head that is no sector word: "Air and Space Force", "Foods and Drink
// Federation". Two companies in a row keep apart ("Brightmoor Foods and Kestrel Motors"): the
// second ends in a sector word too.
func (d *entityStage) conjoinedHead(i, end int) (int, int) {
	c := i + 1
	if !d.tok(i).Cap() || !d.inR(i, gazetteer.RoleNameHeads) || !d.inR(c, gazetteer.RoleListConjunctions) || d.tok(c).Cap() {
		return 0, 0
	}
	x := c + 1
	for x < end && x-c < 4 && d.orgWord(x) && d.headLen(x) == 0 && d.feat[x].name == 0 {
		x++
	}
	n := d.headLen(x)
	if n == 0 || x+n > end || !d.tok(x).Cap() || d.claimed[x] || d.owner[x] >= 0 || d.inR(x+n-1, gazetteer.RoleNameHeads) {
		return 0, 0
	}
	return x, n
}

// organization recognises a capitalised phrase headed by an organization word at token j:
// "Defense Ministry", "Ministry of Foreign Affairs", "Pacific Fleet". country is the country a
// preceding modifier named (its mention starts at token from); the phrase then includes it.
// It returns the number of tokens consumed from j, 0 if there is no such phrase.
func (d *entityStage) organization(j, end int, country string, from int) int {
	if n := d.leadingHeadOrg(j, end); n > 0 && country == "" && from == j {
		return n
	}
	// Capitalised words, then a head; a unit's number may lead: "7th Littoral Signals
	// Battalion", "1st Brigade".
	k := j
	if t := d.tok(j); t.IsDigitWord() && isOrdinal(d.lo(j)) && !d.claimed[j] && d.owner[j] < 0 {
		k++
	} else if n := d.numberSign(j); n > 0 {
		k += n // "No. 3 Squadron"
	}
	// A title before a head is a word of the name: "General Staff"; so is "and" between
	// words that name no place: "Food and Drug Administration".
	for k < end && k-j < 5 && d.headLen(k) == 0 && !(k > j && d.capsLegalForm(k)) && (d.orgWord(k) || d.titleWordBeforeHead(k) || k > j && d.innerApostrophe(k) || k > j && d.innerConjunction(k)) {
		k++
	}
	h := d.headLen(k)
	if h == 0 && k > j && d.capsLegalForm(k) {
		h = 1 // "Havbris Aqua AS"
	}
	if h == 0 || k+h > end || !d.tok(k).Cap() {
		return 0
	}
	if n := d.titleLen(k); n > h && d.nameWord(k+n) {
		return 0 // a title that starts with a head, right before a name: "U.S. District Judge NAME"
	}
	// Heads in a row end at the last: "Joint Staff Office", and so do heads a word or two
	// apart: "Royal Thai Army Signal Department".
	legal := -1 // where a company's legal form starts: "Ltd" in "Harbor Lines Ltd"
	for {
		if n := d.headLen(k + h); n > 0 && k+h+n <= end && d.tok(k+h).Cap() && !d.claimed[k+h] && d.owner[k+h] < 0 {
			if d.inTerm(k+h, gazetteer.TermLegalForms) {
				legal = k + h
			}
			k, h = k+h, n
			continue
		}
		if m, at := d.longerOrg(k+h, end); m > 0 {
			k, h = at, k+h+m-at
			continue
		}
		if at, n := d.conjoinedHead(k+h-1, end); n > 0 {
			k, h = at, n // "French Air and Space Force": a sector word, then "and" and a head
			continue
		}
		break
	}
	// A plural possessive inside the name: "Reserve Forces' Association".
	if x := k + h; (d.tok(x).Kind == gazetteer.Possessive || d.is(x, "'") || d.is(x, "’")) && d.tok(x).Start == d.tok(x-1).End && x+1 < end && d.tok(x+1).Cap() && d.headLen(x+1) > 0 && x+1+d.headLen(x+1) <= end && d.owner[x+1] < 0 {
		k, h = x+1, d.headLen(x+1)
	}
	head := d.lo(k + h - 1)
	surfaceEnd := -1 // where the name ends when a country phrase follows it
	var topicWords []string
	for x := j; x < k; x++ {
		topicWords = append(topicWords, d.lo(x))
	}
	stop := k + h
	// A unit's number after its head: "Escort Flotilla 4", "Task Force 72".
	if t := d.tok(stop); stop < end && t.IsDigitWord() && t.End-t.Start <= 3 && !d.claimed[stop] && d.owner[stop] < 0 && isDigits(d.tx(stop)) {
		stop++
	}
	ofCountry := false // "Navy of Chile", "Armed Forces of the Philippines"
	if y := stop + 1; d.inR(stop, gazetteer.RoleComplementPrepositions) && country == "" {
		if d.inL(y, gazetteer.ListDefiniteArticles) {
			y++
		}
		e, _ := d.nameAtTok(y)
		ofCountry = e.Kind == gazetteer.KindCountry
	}
	// "Ministry of Defense", "Ministry of Foreign Affairs and Trade".
	// "Office for National Statistics", "Ministry for Foreign Affairs": "for" too, with a
	// capitalised field, when no country or title's "of the" stands before the head.
	forField := d.inR(stop, gazetteer.RoleDedicationPrepositions) && d.orgWord(stop+1) && country == "" && !d.inR(j-2, gazetteer.RoleComplementPrepositions)
	if k == j && (d.inR(stop, gazetteer.RoleComplementPrepositions) || forField) && !ofCountry {
		x := stop + 1
		for x < end && x-stop < 6 && (d.orgWord(x) || (d.inR(x, gazetteer.RoleListConjunctions) && d.orgWord(x+1))) {
			x++
		}
		if x == stop+1 && d.inL(x, gazetteer.ListDefiniteArticles) && !d.tok(x).Cap() && d.orgWord(x+1) && d.lonePlace(x+1) {
			x += 2 // "University of the Punjab": a place of one word after the article
		}
		if x == stop+1 {
			return 0
		}
		for y := stop + 1; y < x; y++ {
			if !d.inR(y, gazetteer.RoleListConjunctions) {
				topicWords = append(topicWords, d.lo(y))
			}
		}
		stop = x
		// "of the Russian Federation", "of China".
		y := stop
		if d.inR(y, gazetteer.RoleComplementPrepositions) {
			y++
			if d.inL(y, gazetteer.ListDefiniteArticles) {
				y++
			}
			if e, n := d.nameAtTok(y); n > 0 && e.Kind != gazetteer.KindRegion && e.Kind != gazetteer.KindOrganization && country == "" {
				country = e.ID
				stop = y + n
			}
		}
	} else if n := d.countryNamed(stop, end); k == j && country == "" && !ofCountry && n > 0 && h == 1 && !d.inL(j-1, gazetteer.ListArticles) {
		// "Police Scotland", "Sport England": a head and the country or region it serves.
		stop += n
	} else if n := d.servedPlace(stop, end); k > j && country == "" && !ofCountry && n > 0 {
		// "Multinational Brigade Latvia", "Coast Guard District Palawan": words, a head and the
		// country or province the unit serves.
		stop += n
	} else if k == j && country == "" && !ofCountry {
		// A bare head ("Army", "Council") is not a name.
		return 0
	} else if a := stop + 1 + b2i(d.inL(stop+1, gazetteer.ListDefiniteArticles) && !d.tok(stop+1).Cap()); d.inR(stop, gazetteer.RoleComplementPrepositions|gazetteer.RoleDedicationPrepositions) && d.orgWord(a) && d.nameAtTokKind(a) == 0 && (a == stop+1 || d.orgWord(a+1) && d.nameAtTokKind(a+1) == 0) {
		// "International Court of Justice", "Council of Ministers", "Institute for
		// Maritime Studies", "International Committee of the Red Cross" (two words at
		// least after the article, none of them a head: "Division of the Joint Staff" is
		// one organization of another).
		x := a
		for x < end && x-stop < 6 && (d.orgWord(x) && d.nameAtTokKind(x) == 0 && (a == stop+1 || d.headLen(x) == 0) || x > a && d.innerConjunction(x)) {
			x++ // "National Institute of Allergy and Infectious Diseases"
		}
		if a == stop+1 || x-a >= 2 && !d.tok(x).Cap() {
			stop = x
		}
	} else if ofCountry {
		// "Armed Forces of the Philippines": named "Philippine Armed Forces".
		surfaceEnd = stop
		y := stop + 1
		if d.inL(y, gazetteer.ListDefiniteArticles) {
			y++
		}
		if _, n := d.nameAtTok(y); n > 0 && (d.is(y+n, ",") || d.inR(y+n, gazetteer.RoleListConjunctions)) {
			return 0 // "Navies of Bangladesh, Sri Lanka and Myanmar": the forces of several
		}
		if e, n := d.nameAtTok(y); n > 0 && (e.Kind == gazetteer.KindCountry || e.Kind == gazetteer.KindDemonym) {
			country = e.ID
			stop = y + n
			// The country is named too: "the Kyrgyz Republic" in "Armed Forces of the Kyrgyz
			// Republic".
			d.nested(y, y+n, d.countryEnt(country))
		}
	}
	if country == "" {
		// "Royal Saudi Air Force": a country named inside the phrase.
		inside := -1
		for x := j; x < k; x++ {
			if e, n := d.nameAtTok(x); n > 0 && e.Kind != gazetteer.KindRegion && e.Kind != gazetteer.KindOrganization {
				country, inside = e.ID, x
				break
			}
		}
		if country != "" {
			// The country is named too: "Malaysian" in "Royal Malaysian Navy"; a capital
			// is the city ("Lisbon Commuters' Association").
			if ce, n := d.nameAtTok(inside); n > 0 && ce.Kind == gazetteer.KindCapital {
				loc := d.entityNamed(d.spanText(inside, inside+n), facts.Location)
				loc.country = ce.ID
				d.nested(inside, inside+n, loc)
			} else if n > 0 {
				d.nested(inside, inside+n, d.countryEnt(country))
			}
			e := d.entityNamed(d.spanText(j, stop), facts.Organization)
			if e.head == "" {
				e.head, e.topic, e.country = head, topicKey(strings.Join(topicWords, " ")), country
				d.rememberOrg(e)
			}
			if !d.mention(from, stop, e, 0) {
				return 0
			}
			d.acronymAfter(stop, e)
			return stop - j
		}
	}
	topic := strings.Join(topicWords, " ")
	if legal < 0 && k > j && d.inTerm(k, gazetteer.TermLegalForms) {
		legal = k // "Sundaram Cells Ltd": the legal form is the only head
	}
	if surfaceEnd < 0 && legal > j && legal == k+h-1 && stop == k+h {
		// A company is named without its legal form, which a later mention leaves out.
		surfaceEnd = legal
		d.markOrgName(j, legal)
	}
	if surfaceEnd < 0 {
		surfaceEnd = stop
	}
	plainFirst := from == j && k > j && d.feat[j].name == 0 && d.nameWord(j)
	e := d.orgEntity(country, head, topic, d.spanText(j, surfaceEnd))
	if !d.mention(from, stop, e, 0) {
		return 0
	}
	if plainFirst {
		// "Tidewater Energy Storage Inc.": a later "Tidewater" alone is its short form.
		if d.orgByFirst == nil {
			d.orgByFirst = map[string]*ent{}
		}
		if _, ok := d.orgByFirst[d.tx(j)]; !ok {
			d.orgByFirst[d.tx(j)] = e
		}
		if last := surfaceEnd - 1; last-j >= 2 && d.inR(last, gazetteer.RoleNameHeads) {
			// "Ashanti Crest Resources": a later "Ashanti Crest" is its short form.
			if short := d.spanText(j, last); d.orgByFirst[short] == nil {
				d.orgByFirst[short] = e
			}
		}
	}
	d.acronymAfter(stop, e)
	return stop - j
}

// orgEntity returns the organization with a country, head and topic, naming it canonically:
// "Chinese Ministry of Defense" for China's Defense Ministry and the Chinese Ministry of Defense.
func (d *entityStage) orgEntity(country, head, topic, surface string) *ent {
	key := topicKey(topic)
	if country == "" {
		// Without a country, the phrase means the last organization with the same head and topic.
		if e := d.lastOrg(head, key); e != nil {
			return e
		}
	} else {
		// "the Philippine department" after "the Philippine Department of National Defense".
		if e := d.orgByCountry.last(country, head, key); e != nil {
			return e
		}
	}
	name := surface
	if head == "ministry" {
		t, ok := d.g.MinistryTopic(topic)
		if !ok {
			t = titleCase(topic)
		}
		name = "Ministry of " + t
	}
	if country != "" {
		c, _ := d.g.Country(country)
		prefix := c.Demonym
		if prefix == "" {
			prefix = c.Name
		}
		if !(len(name) > len(prefix) && name[len(prefix)] == ' ' && strings.HasPrefix(name, prefix)) { // HasPrefix(name, prefix+" ")
			name = prefix + " " + name
		}
	}
	e := d.entityNamed(name, facts.Organization)
	e.head, e.topic, e.country = head, key, country
	d.rememberOrg(e)
	return e
}

// orgIndex finds the organization last indexed under a country (none in entities.orgByHead), head
// and topic, or under a country and head whatever the topic.
//
// An article names a few organizations: a scan back over the records costs less than keeping
// maps up to date, and the records' memory comes from the pool. Past orgScanMax records the
// maps are built after all, so that a document naming thousands of organizations still costs
// linear time.
type orgIndex struct {
	recs    []orgRec
	byKey   map[orgKey]*ent // recs[:indexed], once there are too many to scan
	indexed int
}

// orgRec is one organization as indexed: the key's fields keep their values of that moment.
type orgRec struct {
	country, head, topic string
	e                    *ent
}

// orgKey is a key of orgIndex.byKey: a country, head and topic, or a country and head alone
// (anyTopic). A struct and not a joined string: looking one up builds nothing.
type orgKey struct {
	country, head, topic string
	anyTopic             bool
}

// orgScanMax is how many records orgIndex scans before it indexes them.
const orgScanMax = 16

func (x *orgIndex) add(country, head, topic string, e *ent) {
	x.recs = append(x.recs, orgRec{country, head, topic, e})
}

// last returns the organization of the latest record under country, head and topic (any
// topic when topic is empty), or nil.
func (x *orgIndex) last(country, head, topic string) *ent {
	if len(x.recs) <= orgScanMax {
		for _, r := range slices.Backward(x.recs) {
			if r.head == head && r.country == country && (topic == "" || r.topic == topic) {
				return r.e
			}
		}
		return nil
	}
	if x.byKey == nil {
		x.byKey = map[orgKey]*ent{}
	}
	// In order, so that a later record replaces an earlier one, as the scan prefers it.
	for _, r := range x.recs[x.indexed:] {
		x.byKey[orgKey{country: r.country, head: r.head, topic: r.topic}] = r.e
		x.byKey[orgKey{country: r.country, head: r.head, anyTopic: true}] = r.e
	}
	x.indexed = len(x.recs)
	return x.byKey[orgKey{country: country, head: head, topic: topic, anyTopic: topic == ""}]
}

// rememberOrg indexes an organization by country, head and topic, so that a later short form
// ("the Uzbek ministry") finds it.
func (d *entityStage) rememberOrg(e *ent) {
	if e.country != "" {
		d.orgByCountry.add(e.country, e.head, e.topic, e)
	}
}

// topicKey folds spellings of a ministry's topic together: "national defence" = "defense".
func topicKey(topic string) string {
	if plainTopic(topic) {
		return topic // nearly always: nothing to fold, and the fields are as Join would put them
	}
	f := strings.Fields(topicFolds.Replace(topic))
	return strings.Join(f, " ")
}

// plainTopic reports whether topicKey would return topic unchanged: ASCII words, none of them
// folded, one space between each two.
func plainTopic(topic string) bool {
	if topic == "" {
		return true
	}
	if topic[0] == ' ' || topic[len(topic)-1] == ' ' {
		return false
	}
	for i := 0; i < len(topic); i++ {
		c := topic[i]
		if c >= utf8.RuneSelf || c != ' ' && asciiSpace(c) || c == ' ' && topic[i+1] == ' ' {
			return false
		}
	}
	return !strings.Contains(topic, "defence") && !strings.Contains(topic, "national") && !strings.Contains(topic, "affairs")
}

// asciiSpace reports whether an ASCII byte is white space to strings.Fields.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

var topicFolds = strings.NewReplacer("defence", "defense", "national", "", "affairs", "")

// titleCase gives each word but "of", "and" and "the" a capital first letter, and puts one
// space between words. An ASCII text, nearly always, is done in one pass into one string.
func titleCase(s string) string {
	if b, ok := titleCaseASCII(s); ok {
		return b
	}
	f := strings.Fields(s)
	for i, w := range f {
		if w != "of" && w != "and" && w != "the" {
			f[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(f, " ")
}

// titleCaseASCII is titleCase of an ASCII text; ok is false for any other.
func titleCaseASCII(s string) (string, bool) {
	var room [64]byte
	b := room[:0]
	for i := 0; i < len(s); {
		if s[i] >= utf8.RuneSelf {
			return "", false
		}
		if asciiSpace(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] < utf8.RuneSelf && !asciiSpace(s[j]) {
			j++
		}
		if len(b) > 0 {
			b = append(b, ' ')
		}
		w := s[i:j]
		b = append(b, w...)
		if c := w[0]; 'a' <= c && c <= 'z' && w != "of" && w != "and" && w != "the" {
			b[len(b)-len(w)] = c - ('a' - 'A')
		}
		i = j
	}
	return string(b), true
}

// lastOrg returns the most recently mentioned organization with this head (and topic, when
// one is given).
func (d *entityStage) lastOrg(head, topic string) *ent {
	return d.orgByHead.last("", head, topic)
}

// nominal recognises "the defense ministry", "the ministry": a lower-case reference back to
// the last organization with that head.
func (d *entityStage) nominal(i, end int) int {
	if !d.inL(i, gazetteer.ListDefiniteArticles) {
		return 0
	}
	k := i + 1
	for k < end && k-i <= 3 && d.headLen(k) == 0 && d.toks[k].Kind == gazetteer.Word && !d.toks[k].Cap() {
		k++
	}
	h := d.headLen(k)
	if h == 0 || k+h > end || d.toks[k].Cap() || d.inR(k+h-1, gazetteer.RoleNameHeads) {
		return 0
	}
	var words []string
	for x := i + 1; x < k; x++ {
		words = append(words, d.lo(x))
	}
	topic := topicKey(strings.Join(words, " "))
	e := d.lastOrg(d.lo(k+h-1), topic)
	if e == nil {
		return 0
	}
	d.mention(i+1, k+h, e, 0)
	return k + h - i
}

// runPerson decides whether a capitalised run names a person from what follows it: a speech
// verb ("Kallas said"), or an apposition with a title ("Kaja Kallas, the EU’s foreign policy
// chief"). Single words wait for the second pass unless a verb follows.
func (d *entityStage) runPerson(from, to, end int) bool {
	j := to
	if d.orgRun(from, to) {
		return true
	}
	if e := d.orgByFirst[d.spanText(from, to)]; e != nil && to-from >= 2 {
		// "Ridge Hollow said", after "Ridge Hollow Resources": the company, not a person.
		d.mention(from, to, e, 0)
		return true
	}
	if to-from == 1 && !d.inL(from, gazetteer.ListAuxiliaries|gazetteer.ListPlaceModifiers) {
		if n := d.countryNamed(to, end); n > 0 {
			// "Environment Canada", "Statistics Canada": a word and a country's name after
			// it are an agency of that country.
			d.mention(from, to+n, d.entityNamed(d.spanText(from, to+n), facts.Organization), 0)
			return true
		}
	}
	if d.postNominal(j) {
		j++ // "Rhian Pugh MS said"
	}
	if d.tok(j).Kind == gazetteer.Possessive {
		return false
	}
	// A person's name takes no article: "the Old Quarter, the mayor said" names a place
	// before the speaker's role, not a person with that title.
	if d.inL(from-1, gazetteer.ListDefiniteArticles) && !d.tok(from-1).Cap() {
		return false
	}
	if d.titleBefore(from, to, end) {
		return true
	}
	if d.is(j, ",") {
		k := j + 1
		if d.inL(k, gazetteer.ListArticles) {
			k++
		}
		titleFrom := k
		affiliation := ""
		if e, n := d.nameAtTok(k); n > 0 && e.Kind != gazetteer.KindRegion {
			if e.Kind == gazetteer.KindOrganization {
				affiliation = e.Country
			} else {
				affiliation = e.ID
			}
			k += n
			if d.tok(k).Kind == gazetteer.Possessive {
				k++
			}
		}
		for x := k; x < end && x-k < 3; x++ {
			if n := d.titleLen(x); n > 0 && (x == k || !d.tok(x-1).Cap()) {
				if to-from < 2 && d.knownPerson(d.tx(from)) == nil && affiliation == "" && x > k {
					break
				}
				if to-from < 2 && (d.nameWord(x+n) || d.fieldRunsOn(x+n, d.titleField(x+n, end))) {
					// "Second, Minister of Fisheries Cho Min-ho will …": the title is that of
					// the name after it, not of the word before the comma.
					break
				}
				p := d.person(from, to)
				d.mention(from, to, p, 0)
				d.markGender(p, x, x+n)
				if p.title == "" {
					p.title = d.spanText(titleFrom, x+n)
					p.affiliation = affiliation // dropped at output if the country is never mentioned
				}
				return true
			}
		}
	}
	if to-from >= 2 && (d.speechAt(j) > 0 || d.verbLen(from-1) > 0) && !d.inL(from, gazetteer.ListPlaceModifiers) {
		d.mention(from, to, d.person(from, to), 0)
		return true
	}
	return false
}

// countryNamed returns the length of a country's or region's name of the gazetteer at token i
// that ends a capitalised name there ("Canada" in "Environment Canada has"), 0 when there is
// none or more of the name follows (a capital, a possessive).
func (d *entityStage) countryNamed(i, end int) int {
	e, n := d.nameAtTok(i)
	if n == 0 || i+n > end || e.Kind != gazetteer.KindCountry && e.Kind != gazetteer.KindRegion || d.owner[i] >= 0 || d.claimed[i] {
		return 0
	}
	if t := d.tok(i + n); t.Cap() || t.Kind == gazetteer.Possessive || d.headLen(i+n) > 0 {
		return 0
	}
	return n
}

// capsLegalForm reports whether token i is a company's legal form in capitals that is no
// head ("AS", "SA"; data/words/legal_forms.txt), ending a name right before it.
func (d *entityStage) capsLegalForm(i int) bool {
	return d.headLen(i) == 0 && d.inTerm(i, gazetteer.TermLegalForms) && allCaps(d.tx(i)) && len(d.tx(i)) > 1 && !d.tok(i+1).Cap()
}

// legalPrefixed records a company named after a legal form in capitals at token i ("PT
// Segara Permai Abadi"; data/words/legal_prefixes.txt), named without it, and returns the
// number of tokens it took, 0 for none.
func (d *entityStage) legalPrefixed(i, end int) int {
	if !d.inTerm(i, gazetteer.TermLegalPrefixes) || !allCaps(d.tx(i)) {
		return 0
	}
	n := d.nameRun(i+1, end)
	if n == 0 || i+1+n > end {
		return 0
	}
	d.markOrgName(i+1, i+1+n)
	if !d.mention(i, i+1+n, d.entityNamed(d.spanText(i+1, i+1+n), facts.Organization), 0) {
		return 0
	}
	return 1 + n
}

// numberSign returns the length of a unit's number written with a capitalised word for
// "number" at token i ("No. 3", "Nr 2"; data/words/number_signs.txt), 0 for none.
func (d *entityStage) numberSign(i int) int {
	if !d.tok(i).Cap() || !d.inTerm(i, gazetteer.TermNumberSigns) || d.claimed[i] || d.owner[i] >= 0 {
		return 0
	}
	k := i + 1
	if d.is(k, ".") {
		k++
	}
	if t := d.tok(k); !t.IsDigitWord() || !isDigits(d.tx(k)) {
		return 0
	}
	return k + 1 - i
}

// servedPlace returns the length of a country or a gazetteer state or city at token i that
// ends a unit's name, 0 for none: a lower-case word or punctuation follows it, not a possessive.
func (d *entityStage) servedPlace(i, end int) int {
	if n := d.countryNamed(i, end); n > 0 {
		if e, _ := d.nameAtTok(i); e.Kind == gazetteer.KindCountry {
			return n
		}
		return 0
	}
	_, n := d.g.CityAt(d.kid, i)
	if n == 0 || i+n > end || d.owner[i] >= 0 || d.claimed[i] {
		return 0
	}
	if t := d.tok(i + n); t.Cap() || t.Kind == gazetteer.Possessive || d.headLen(i+n) > 0 || d.placeHead(i+n) {
		return 0
	}
	return n
}

// titleBefore recognises a title set off before a name: "Egypt’s military production
// minister, Mahmoud Fawzy, who ...".
func (d *entityStage) titleBefore(from, to, end int) bool {
	after := to
	if d.postNominal(after) {
		after++ // "Gareth Lloyd MS,"
	}
	if !d.is(from-1, ",") || !(d.is(after, ",") || d.is(after, ".") || after == end) {
		return false
	}
	tEnd := from - 1
	for k := tEnd - 1; k >= 0 && tEnd-k <= 4; k-- {
		n := d.titleLen(k)
		if n == 0 || k+n != tEnd {
			continue
		}
		x := k
		for x-1 >= 0 && k-x < 3 && d.toks[x-1].Kind == gazetteer.Word && !d.toks[x-1].Cap() && !d.boundary(x-1) && !d.inL(x-1, gazetteer.ListArticles) {
			x--
		}
		m, mf, ok := d.modifier(x)
		if !ok {
			return false
		}
		affiliation := m.e.country
		if m.e.typ == facts.Country {
			affiliation = m.e.id
		}
		p := d.person(from, to)
		d.mention(from, to, p, 0)
		if p.title == "" {
			p.title = d.spanText(mf, tEnd)
			p.affiliation = affiliation
		}
		return true
	}
	return false
}

// speechAt returns the number of tokens of a speech verb at i, after optional auxiliaries
// ("has said", "also said"), counting the auxiliaries.
func (d *text) speechAt(i int) int {
	j := i
	for j-i < 2 && d.inL(j, gazetteer.ListSpeechAuxiliaries) {
		j++
	}
	n := d.verbLen(j)
	if n == 0 {
		return 0
	}
	return j - i + n
}

// markGender records a person's gender from the words of a title ("spokeswoman", "Mr.").
func (d *entityStage) markGender(p *ent, from, to int) {
	for k := from; k < to && p.gender == 0; k++ {
		if !(k+1 < to && d.is(k+1, ".")) {
			// The word alone, nearly always: its lists are known by number, with no string
			// to build or hash.
			switch l := d.lw(k).Lists; {
			case l&gazetteer.ListFemaleWords != 0:
				p.gender = 'f'
			case l&gazetteer.ListMaleWords != 0:
				p.gender = 'm'
			}
			continue
		}
		switch w := d.lo(k) + "."; {
		case d.g.In("female_words", w):
			p.gender = 'f'
		case d.g.In("male_words", w):
			p.gender = 'm'
		}
	}
}

// appositionThenVerb reports whether ", who also serves as defence minister, said" follows
// token i-1: a name set off by an apposition before its speech verb.
func (d *entityStage) appositionThenVerb(i int) bool {
	if !d.is(i, ",") {
		return false
	}
	for k := i + 1; k < len(d.toks) && k-i <= 12; k++ {
		if d.is(k, ",") {
			return d.apposition(i+1, k, &d.entities) && d.speechAt(k+1) > 0
		}
		if d.toks[k].Kind == gazetteer.Punct && d.endAt(k) {
			return false
		}
	}
	return false
}

// resolveRun places a capitalised run left over from the first pass: a known person's surname
// or full name, or a single word before a speech verb.
func (d *entityStage) resolveRun(r span) {
	for i := r.from; i < r.to; i++ {
		if d.owner[i] >= 0 {
			return
		}
	}
	name := d.spanText(r.from, r.to)
	d.buf = appendSlug(d.buf[:0], name)
	if e, ok := d.byID[string(d.buf)]; ok && (e.typ == facts.Person || e.typ == facts.Location && e.name == name) {
		// A person, or a place the text named by this very name before ("south of Katherine",
		// then "the Katherine economy", after "Katherine Town Council").
		d.mention(r.from, r.to, e, 0)
		return
	}
	// A city of the gazetteer's list, where the text names it as a place: a name of two or
	// more words ("São Paulo", "Port Moresby"), or one word after a place preposition ("in
	// Darwin") or before its country ("Darwin, Australia").
	city, n := d.g.CityAt(d.kid[r.from:r.to], 0)
	if n != r.to-r.from {
		city.Country = ""
	}
	if n > 1 && city.Country != "" {
		d.cityMention(r, city)
		return
	}
	if r.to-r.from == 1 {
		if p := d.knownPerson(name); p != nil {
			d.mention(r.from, r.to, p, 0)
			return
		}
		// A city the gazetteer knows is also a place where the text goes to it ("trips to
		// Parma"); an unknown word there may be anything ("wrote to Harland").
		motion := (d.inR(r.from-1, gazetteer.RoleMotionPrepositions|gazetteer.RoleComplementPrepositions) || d.inTerm(r.from-1, gazetteer.TermCityPrepositions)) && !d.tok(r.from-1).Cap() // "Jane Ruiz of Ohio said", "on Chios"
		// Before a place noun ("Ukraine's Donetsk region overnight") it is a place too.
		// Before an organization's kind, a city is where it is: "Trondheim shipyard Kvernes Verft".
		placeNoun := d.lowerWord(r.to) && d.inR(r.to, gazetteer.RolePlaceNouns|gazetteer.RoleOrganizationNouns)
		if city.Country != "" && (d.placeBefore(r.from) || d.countryAfter(r.to, "") || d.inL(r.from-1, gazetteer.ListOriginPrepositions) || d.placeListed(r) || d.homePlace(r) || motion || placeNoun) {
			if c := d.countryAfterID(r.to); c != "" {
				city.Country = c // "Valencia, Spain": the gazetteer's Valencia is Venezuela's
			}
			d.cityMention(r, city)
			return
		}
		if city.Country == "" && d.inTerm(r.from-2, gazetteer.TermStakeNouns) && d.inL(r.from-1, gazetteer.ListPlacePrepositions) && !d.tok(r.from-1).Cap() {
			// "Shares in Halvorsen fell", "a 5% stake in Ostwind": what is owned in shares
			// is a company, not a place.
			e := d.orgByFirst[name]
			if e == nil {
				e = d.entityNamed(name, facts.Organization)
			}
			d.mention(r.from, r.to, e, 0)
			return
		}
		site := d.placeBefore(r.from) || d.sitePlace(r) || d.homePlace(r) || d.rangeEnd(r) || d.placeNounBefore(r) // "in Batam", "the town of Dolow", "the river Severn"
		if p := d.placeNamedFrom(name); p != nil && site {
			// "at Andersen" after "Andersen Air Force Base": the place named before.
			d.mention(r.from, r.to, p, 0)
			return
		}
		if site || d.inL(r.from-1, gazetteer.ListOriginPrepositions) && !d.tok(r.from-1).Cap() && d.tok(r.to).Kind != gazetteer.Possessive || d.placeListed(r) && d.conjoined(r) {
			// "in Batam", "the town of Dolow", "at Tanagra", "the Khatlon region": a place
			// nobody introduced as a person.
			d.mention(r.from, r.to, d.entityNamed(name, facts.Location), 0)
			return
		}
		if e := d.orgByFirst[name]; e != nil && city.Country == "" && (d.tok(r.to).Kind != gazetteer.Possessive || d.inR(r.to+1, gazetteer.RoleOrganizationPossessions)) {
			// "Tidewater said", after "Tidewater Energy Storage Inc.": no place, and
			// nobody introduced as a person.
			d.mention(r.from, r.to, e, 0)
			return
		}
		if d.inL(r.from-1, gazetteer.ListDefiniteArticles) && !d.tok(r.from-1).Cap() {
			if d.placeBefore(r.from-1) && d.speechAt(r.to) == 0 && !d.tok(r.to).Cap() && !d.particle(r.to) && d.headLen(r.from) == 0 {
				// "in the Dodecanese", "off the Kurils": a region the article names.
				d.mention(r.from, r.to, d.entityNamed(name, facts.Location), 0)
				return
			}
			// "Sources at the Treasury said": a person's name takes no article.
			if d.speechAt(r.to) > 0 {
				d.mention(r.from, r.to, d.entityNamed(name, facts.Organization), 0)
			}
			return
		}
		if d.speechAt(r.to) > 0 || d.honorificBefore(r.from) || d.appositionThenVerb(r.to) {
			d.mention(r.from, r.to, d.person(r.from, r.to), 0)
		}
		return
	}
	if e := d.orgByFirst[name]; e != nil {
		// "Ashanti Crest said", after "Ashanti Crest Resources".
		d.mention(r.from, r.to, e, 0)
		return
	}
	// "President Macron" style runs whose last word is a known person's surname.
	if p := d.knownPerson(d.tx(r.to - 1)); p != nil {
		d.mention(r.to-1, r.to, p, 0)
		return
	}
	// "in Barangay Macarascas", "at Pratica di Mare", "Vanua Levu and the Lau Islands", "the
	// Surkhandarya region": words nobody introduced, where the text names a place.
	// "North Yorkshire", "West Sussex": a compass word opens a place's name, never a person's.
	if r.to-r.from <= 3 && d.tok(r.to).Kind != gazetteer.Possessive && (d.placeBefore(r.from) || d.sitePlace(r) || d.homePlace(r) || d.rangeEnd(r) || d.placeListed(r) && d.conjoined(r) || d.inL(r.from, gazetteer.ListPlaceModifiers)) {
		d.mention(r.from, r.to, d.entityNamed(name, facts.Location), 0)
		return
	}
	// Two or three capitalised words that are nothing else are taken for a person's name,
	// unless a word that ends the name of a place, organization or event follows them.
	if n := r.to - r.from - d.initials(r); n <= 3 && !d.headAfterName(r.to) && d.eventLen(r.to) == 0 && !d.placeHead(r.to) && d.titleLen(r.to) == 0 && (!d.tok(r.to).Cap() || d.postNominal(r.to)) {
		if d.inL(r.from-1, gazetteer.ListDefiniteArticles) && n >= 2 {
			if d.placeBefore(r.from-1) || d.inR(r.from-2, gazetteer.RoleSitePrepositions) && !d.tok(r.from-2).Cap() || d.compassIn(r) {
				// "in the Old Quarter", "at the Palais des Nations", "to the High North": a
				// place.
				d.mention(r.from, r.to, d.entityNamed(name, facts.Location), 0)
				return
			}
			// "told the Kieler Tageblatt": a person's name takes no article; a paper's does.
			d.mention(r.from, r.to, d.entityNamed(name, facts.Organization), 0)
			return
		}
		p := d.person(r.from, r.to)
		d.mention(r.from, r.to, p, 0)
		d.absorbSurname(p, d.tx(r.to-1))
	}
}

// headAfterName reports whether token i, right after a capitalised run, is an organization's
// head that makes the run an organization's name: any head in capitals, but in lower case no
// head that counts only when capitalised ("Ana Ruiz works", "Tom Ha holding"; name_heads.txt).
func (d *entityStage) headAfterName(i int) bool {
	h := d.headLen(i)
	return h > 0 && (d.tok(i).Cap() || !d.inR(i+h-1, gazetteer.RoleNameHeads))
}

// absorbSurname gives the person p the mentions of a person named by its surname alone, met
// on the first pass before the full name was known ("Ms. Osei" before "Kathleen M. Osei",
// whose run is resolved after).
func (d *entityStage) absorbSurname(p *ent, surname string) {
	d.buf = appendSlug(d.buf[:0], surname)
	q, ok := d.byID[string(d.buf)]
	if !ok || q == p || q.typ != facts.Person || q.name != surname {
		return
	}
	for k := range d.ments {
		if d.ments[k].e == q {
			d.ments[k].e = p
		}
	}
	if p.title == "" {
		p.title = q.title
	}
	if p.gender == 0 {
		p.gender = q.gender
	}
}

// sitePlace reports whether the text names the run r as a site: after "at" ("at Tanagra",
// data/words/site_prepositions.txt), or before a lower-case place noun, perhaps with a
// modifier ("the Khatlon region", "the Harb-Maidon training ground";
// data/words/place_nouns.txt, place_noun_modifiers.txt). A possessive after the run ("at
// Smith's") is a person's.
func (d *entityStage) sitePlace(r span) bool {
	if d.tok(r.to).Kind == gazetteer.Possessive {
		return false
	}
	if d.inR(r.from-1, gazetteer.RoleSitePrepositions) && !d.tok(r.from-1).Cap() {
		return true
	}
	k := r.to
	if d.lowerWord(k) && d.inR(k, gazetteer.RolePlaceNounModifiers) && d.lowerWord(k+1) {
		k++
	}
	if !d.lowerWord(k) || !d.inR(k, gazetteer.RolePlaceNouns) {
		return false
	}
	// The noun ends the phrase: "state media" is no state.
	return !d.lowerWord(k+1) || d.inR(k+1, gazetteer.RoleComplementPrepositions|gazetteer.RoleListConjunctions|gazetteer.RoleClauseConjunctions|gazetteer.RoleSitePrepositions) ||
		d.inL(k+1, gazetteer.ListPlacePrepositions|gazetteer.ListOriginPrepositions|gazetteer.ListAuxiliaries)
}

// homePlace reports whether the text names the run r as where someone or something lives or is
// based: after a person's age ("Darren Platt, 34, of Stockport"), or before a hyphen and a word
// of data/words/place_suffixes.txt ("the Tapa-based battlegroup").
func (d *entityStage) homePlace(r span) bool {
	if d.is(r.to, "-") && d.tok(r.to).Start == d.tok(r.to-1).End && d.inR(r.to+1, gazetteer.RolePlaceSuffixes) {
		return true
	}
	return d.inR(r.from-1, gazetteer.RoleComplementPrepositions) && !d.tok(r.from-1).Cap() && d.is(r.from-2, ",") && d.tok(r.from-3).IsDigitWord() && d.is(r.from-4, ",")
}

// compassIn reports whether a word of the run r is a compass point or another place modifier
// (data/words/place_modifiers.txt): "the High North", "the Deep South" name regions.
func (d *entityStage) compassIn(r span) bool {
	for k := r.from; k < r.to; k++ {
		if d.inL(k, gazetteer.ListPlaceModifiers) {
			return true
		}
	}
	return false
}

// initials counts the middle initials of the run r: "Joseph R. Azzopardi" is three words.
func (d *entityStage) initials(r span) int {
	n := 0
	for k := r.from; k+1 < r.to; k++ {
		if d.initial(k) {
			n++
		}
	}
	return n
}

// conjoined reports whether a list conjunction stands right before or after the run r: "Vanua
// Levu and the Lau Islands" is a list, "the ambassador in Canberra, Nguyen Thi Lan," an
// apposition.
func (d *entityStage) conjoined(r span) bool {
	return d.inR(r.from-1, gazetteer.RoleListConjunctions) || d.inR(r.to, gazetteer.RoleListConjunctions)
}

// placeScanMax is how many of the latest entities placeNamedFrom looks at.
const placeScanMax = 64

// placeNamedFrom returns a recent place whose name of several words begins with the word w
// ("Andersen Air Force Base" for "Andersen"), or nil.
func (d *entityStage) placeNamedFrom(w string) *ent {
	for k, e := range slices.Backward(d.ents) {
		if len(d.ents)-k > placeScanMax {
			break
		}
		if e.typ == facts.Location && len(e.name) > len(w) && e.name[len(w)] == ' ' && strings.HasPrefix(e.name, w) {
			return e
		}
	}
	return nil
}

// lowerWord reports whether token i is a word in lower case.
func (d *entityStage) lowerWord(i int) bool {
	t := d.tok(i)
	return t.Kind == gazetteer.Word && !t.Cap()
}

// placeListed reports whether the run r stands in a list beside a place: "across the
// Shoalwater Bay Training Area, Townsville and the Northern Territory".
func (d *entityStage) placeListed(r span) bool {
	for _, k := range []int{r.from - 1, r.to} {
		if !d.is(k, ",") && !d.inR(k, gazetteer.RoleListConjunctions) {
			continue
		}
		j := k - 1
		if k == r.to {
			j = k + 1
			if d.inL(j, gazetteer.ListDefiniteArticles) {
				j++
			}
		}
		if j >= 0 && j < len(d.toks) && d.owner[j] >= 0 && d.ments[d.owner[j]].e.typ == facts.Location {
			return true
		}
	}
	return false
}

// cityMention records the tokens r as the city e, a location in its country.
func (d *entityStage) cityMention(r span, e gazetteer.Entry) {
	loc := d.entityNamed(d.spanText(r.from, r.to), facts.Location)
	if loc.country == "" {
		loc.country = e.Country
	}
	d.mention(r.from, r.to, loc, 0)
}

// countryAfter reports whether ", <country>" follows at token i, the country with id
// country, or any country when country is empty ("Darwin, Australia").
func (d *entityStage) countryAfter(i int, country string) bool {
	c := d.countryAfterID(i)
	return c != "" && (country == "" || c == country)
}

// countryAfterID returns the id of the country named in ", <country>" at token i, followed by
// no possessive ("Valencia, Spain,"; not "Doe, Britain's envoy"), or "".
func (d *entityStage) countryAfterID(i int) string {
	if !d.is(i, ",") {
		return ""
	}
	e, n := d.nameAtTok(i + 1)
	if n == 0 || e.Kind != gazetteer.KindCountry || d.tok(i+1+n).Kind == gazetteer.Possessive {
		return ""
	}
	return e.ID
}

// placeBefore reports whether the words before token i make a name there a place: a place
// preposition ("in", "near"; data/words/place_prepositions.txt), or "of" after a place noun
// ("the port of").
func (d *entityStage) placeBefore(i int) bool {
	// "in southern Palawan", "south of Crete": a place modifier before the name, after a
	// place preposition or before "of".
	if d.lowerWord(i-1) && d.inL(i-1, gazetteer.ListPlaceModifiers) && d.inL(i-2, gazetteer.ListPlacePrepositions) && !d.tok(i-2).Cap() {
		return true
	}
	if d.inR(i-1, gazetteer.RoleComplementPrepositions) && d.lowerWord(i-2) && d.inL(i-2, gazetteer.ListPlaceModifiers) {
		return true
	}
	if d.inL(i-1, gazetteer.ListPlacePrepositions) && (!d.tok(i-1).Cap() || d.opensSentence(i-1)) {
		return true // "In Occidental Mindoro, classes were suspended"
	}
	// "the provincial government of Oriental Mindoro": a body in lower case of a place.
	return d.inR(i-1, gazetteer.RoleComplementPrepositions) && !d.tok(i-2).Cap() && (d.inL(i-2, gazetteer.ListLocationHeads) || d.inR(i-2, gazetteer.RolePlaceNouns) || d.headLen(i-2) == 1 && !d.inR(i-2, gazetteer.RoleNameHeads))
}

// opensSentence reports whether token i is the first of a sentence or a line: the text starts
// there, a line ends before it, or a full stop, question or exclamation mark.
func (d *entityStage) opensSentence(i int) bool {
	return i == 0 || isEnd(d.tx(i-1)) && !d.abbrevDot(i-1) || d.lineBreakBefore(i)
}

// placeNounBefore reports whether a lower-case place noun stands right before the run r, after
// an article: "the river Severn", "the town Dolow".
func (d *entityStage) placeNounBefore(r span) bool {
	k := r.from - 1
	return d.lowerWord(k) && d.inR(k, gazetteer.RolePlaceNouns) && d.inL(k-1, gazetteer.ListArticles)
}

// rangeEnd reports whether the run r ends a range or pair of places, "from X to Y" or
// "between X and Y": a place the text named right before "to" after "from" ("from Taytay to
// El Nido"), or before "and" after "between" (data/words/pair_prepositions.txt).
func (d *entityStage) rangeEnd(r span) bool {
	k := r.from - 1
	if d.tok(k).Cap() {
		return false
	}
	to, and := d.inR(k, gazetteer.RoleMotionPrepositions), d.inR(k, gazetteer.RoleListConjunctions)
	if !to && !and {
		return false
	}
	m, ok := d.mentionAt(k - 1)
	if !ok || m.e.typ != facts.Location && m.kind != gazetteer.KindCapital || d.tok(m.from-1).Cap() {
		return false
	}
	return to && d.inL(m.from-1, gazetteer.ListOriginPrepositions) || and && d.inTerm(m.from-1, gazetteer.TermPairPrepositions)
}

// entityList turns the gathered entities into output, in order of first mention.
func (d *entities) entityList(t *text) []facts.Entity {
	all := t.sc.allMents[:0]
	defer func() { t.sc.allMents = all }()
	all = mergeByFrom(all, d.ments, d.inner)
	for _, m := range all {
		m.e.nments++
	}
	// The same mentions by position, for statementList: sorted by token, they are sorted by
	// start, and only mentions that start together still need ordering.
	d.placed = t.sc.placed[:0]
	// Each entity's mentions and surface forms are a part of one array, capped at its count:
	// two allocations in all instead of two per entity.
	// The surface forms serve only to list the aliases: their array is pooled.
	spans, surfaces := make([]facts.Span, len(all)), room(t.sc.surfaces, len(all))
	t.sc.surfaces = surfaces
	for _, m := range all {
		sp := t.spanOf(m.from, m.to)
		d.placed = append(d.placed, placed{sp.Start, sp.End, m.e.id})
		if m.e.mentions == nil {
			n := m.e.nments
			m.e.mentions, m.e.surface = spans[:0:n], surfaces[:0:n]
			spans, surfaces = spans[n:], surfaces[n:]
		}
		m.e.mentions = append(m.e.mentions, sp)
		if m.e.first < 0 {
			m.e.first = sp.Start
		}
		m.e.surface = append(m.e.surface, sp.Text)
	}
	live := t.sc.live[:0]
	for _, e := range d.ents {
		if len(e.mentions) > 0 {
			live = append(live, e)
		}
	}
	t.sc.live = live
	sortStable(live, func(a, b *ent) int { return cmp.Compare(a.first, b.first) })
	out := make([]facts.Entity, 0, len(live))
	// The alias lists too are parts of one array: an entity has at most as many aliases as
	// mentions. None is nil, which JSON writes as [].
	aliasBuf := make([]string, len(all))
	for _, e := range live {
		aliases := aliasBuf[:0:len(e.surface)]
		aliasBuf = aliasBuf[len(e.surface):]
		if len(e.surface) <= 16 {
			// Few mentions: a scan of the aliases so far costs less than a set.
			for _, s := range e.surface {
				if s != e.name && !slices.Contains(aliases, s) {
					aliases = append(aliases, s)
				}
			}
		} else {
			seen := map[string]bool{e.name: true}
			for _, s := range e.surface {
				if !seen[s] {
					seen[s] = true
					aliases = append(aliases, s)
				}
			}
		}
		aff := e.affiliation
		if aff != "" && (d.byID[aff] == nil || len(d.byID[aff].mentions) == 0) {
			aff = ""
		}
		out = append(out, facts.Entity{ID: e.id, Name: e.name, Type: e.typ, Aliases: aliases, Title: e.title, AffiliationID: aff, Mentions: e.mentions})
	}
	return out
}

// byFrom orders mentions by their first token.
func byFrom(a, b ment) int { return cmp.Compare(a.from, b.from) }

// sortStable is slices.SortStableFunc for slices that are mostly sorted already, as the
// mention, entity and statement lists are: checking the order costs a comparison per element,
// a sort about ten times as much.
func sortStable[S ~[]E, E any](s S, cmp func(a, b E) int) {
	if !slices.IsSortedFunc(s, cmp) {
		slices.SortStableFunc(s, cmp)
	}
}

// mergeByFrom appends to dst the mentions of a and b in the order a stable sort by first
// token gives a followed by b. Both are usually sorted, and merging them costs less than
// sorting their concatenation.
func mergeByFrom(dst, a, b []ment) []ment {
	if !slices.IsSortedFunc(a, byFrom) || !slices.IsSortedFunc(b, byFrom) {
		n := len(dst)
		dst = append(append(dst, a...), b...)
		slices.SortStableFunc(dst[n:], byFrom)
		return dst
	}
	for len(a) > 0 && len(b) > 0 {
		if b[0].from < a[0].from {
			dst, b = append(dst, b[0]), b[1:]
		} else {
			dst, a = append(dst, a[0]), a[1:]
		}
	}
	return append(append(dst, a...), b...)
}

// spanOf returns the span of tokens [from, to).
func (d *text) spanOf(from, to int) facts.Span {
	return facts.Span{Start: int(d.toks[from].Start), End: int(d.toks[to-1].End), Text: d.spanText(from, to)}
}

// label is the speaker's label of a transcript line: "ORTON:" opens paragraph para, whose
// colon is token colon.
type label struct {
	para, colon int
	speaker     *ent
}

// transcriptLabels finds the labels of a transcript's lines: "ORTON: …", "COL. ORTON: …",
// "HOST (ANNA BERG): …", "Rautio: …" (a known person), and records each speaker's mention.
// The label is in capitals, or names a person met before; a single letter ("Q:") names no
// one. The statements stage reads d.labels.
func (d *entityStage) transcriptLabels() {
	for p, ps := range d.paras {
		from := ps.from
		if si := d.sentenceOf(from); si >= len(d.sents) || d.sents[si].from > from {
			continue // a dateline, not a speaker
		}
		i := from
		for n := d.titleLen(i); n > 0 && i-from < 4; n = d.titleLen(i) {
			i += n // "COL.", "BRIG. GEN."
		}
		nameFrom := i
		caps := true
		for i < ps.to && i-nameFrom < 3 && d.toks[i].Kind == gazetteer.Word && d.toks[i].Cap() && !d.toks[i].IsDigitWord() {
			caps = caps && allCaps(d.tx(i))
			i++
		}
		nameTo := i
		if nameTo == nameFrom || nameTo == nameFrom+1 && (len(d.tx(nameFrom)) < 2 || d.inR(nameFrom, gazetteer.RoleHeadlineLabels)) {
			continue // "UPDATE: …" is a label
		}
		if d.is(i, "(") {
			// "HOST (ANNA BERG)": the name in brackets.
			k := i + 1
			for k < ps.to && k-i <= 3 && d.toks[k].Kind == gazetteer.Word && d.toks[k].Cap() {
				k++
			}
			if !d.is(k, ")") || k == i+1 {
				continue
			}
			nameFrom, nameTo, i = i+1, k, k+1
			caps = caps && allCaps(d.spanText(nameFrom, nameTo))
		}
		if !d.is(i, ":") || d.words(i+1, ps.to) < 2 || d.quoted[i+1] >= 0 && d.quoted[i+1] == d.quoted[ps.to-1] {
			continue
		}
		name := d.spanText(nameFrom, nameTo)
		if caps {
			name = titleCase(strings.ToLower(name))
		}
		var speaker *ent
		if nameTo-nameFrom == 1 {
			speaker = d.knownPerson(name)
		} else {
			d.buf = appendSlug(d.buf[:0], name)
			if e, ok := d.byID[string(d.buf)]; ok && e.typ == facts.Person {
				speaker = e
			}
		}
		if speaker == nil && !caps {
			continue // "Transcript: …", "Remarks: …"
		}
		if speaker == nil {
			speaker = d.entityNamed(name, facts.Person)
		}
		if d.owner[nameFrom] < 0 {
			d.mention(nameFrom, nameTo, speaker, 0)
		}
		d.labels = append(d.labels, label{para: p, colon: i, speaker: speaker})
	}
}

// quotedOutlets records the outlets named in quotation marks after a source noun: the
// newspaper “Boevaya Vakhta”, the agency “Steppe News”.
func (d *entityStage) quotedOutlets() {
	for _, q := range d.quotes {
		if q.close < 0 || q.to-q.from > 4 || q.to == q.from || !d.inL(q.open-1, gazetteer.ListSourceNouns) || !d.capName(q.from, q.to) {
			continue
		}
		free := true
		for k := q.from; k < q.to; k++ {
			free = free && !d.claimed[k] && d.owner[k] < 0 && d.toks[k].Kind == gazetteer.Word
		}
		if free {
			d.mention(q.from, q.to, d.entityNamed(d.spanText(q.from, q.to), facts.Organization), 0)
		}
	}
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return s != ""
}

// innerApostrophe reports whether token i is the apostrophe of a plural possessive inside a
// capitalised name: "Nairobi Transport Operators' Union".
func (d *entityStage) innerApostrophe(i int) bool {
	return (d.is(i, "'") || d.is(i, "’")) && i > 0 && d.toks[i].Start == d.toks[i-1].End && d.tok(i+1).Cap() && d.tok(i+1).Kind == gazetteer.Word
}

// titleWordBeforeHead reports whether token i is a capitalised one-word title that an
// organization's head follows, maybe after other capitalised words: "General" in "General Staff".
func (d *entityStage) titleWordBeforeHead(i int) bool {
	t := &d.toks[i]
	if !(t.Kind == gazetteer.Word && t.Cap() && !d.claimed[i] && d.owner[i] < 0 && d.titleLen(i) == 1) {
		return false
	}
	// "General Staff", and capitalised words between: "General Statistics Department",
	// "Punjab Premier Cricket Board".
	for k := i + 1; k <= i+3; k++ {
		if d.headLen(k) > 0 && d.tok(k).Cap() {
			return true
		}
		if !d.orgWord(k) {
			return false
		}
	}
	return false
}

// honorificBefore reports whether a courtesy title of data/words/honorifics.txt ends just
// before token i, with its stop: "Mr. Berg", written as one token or as two.
func (d *entityStage) honorificBefore(i int) bool {
	if d.is(i-1, ".") {
		return d.inL(i-2, gazetteer.ListHonorifics)
	}
	return d.inL(i-1, gazetteer.ListHonorifics) && strings.HasSuffix(d.lo(i-1), ".")
}

// shortFormDefinitions makes the words a short form in brackets stands for one entity when the
// rules read them otherwise: "Naval Forces West (NFW)" (not "Naval Forces"), "Standing NATO
// Mine Countermeasures Group 1 (SNMCMG1)", "UAE Air Force and Air Defence (UAEAF&AD)". The long
// form is the shortest run of name words before the bracket whose letters spell the short form
// in order, its first letter at the start of a word (Schwartz and Hearst's rule for
// abbreviation definitions). A long form read already as one entity of the right kind, or
// inside a longer name, is left as it is.
func (d *entityStage) shortFormDefinitions() {
	var fresh map[string]*ent
	for open := 1; open+2 < len(d.toks); open++ {
		if !d.is(open, "(") {
			continue
		}
		close, short := d.bracketedShortForm(open)
		if close < 0 {
			continue
		}
		from := d.longForm(open, short)
		if from < 0 {
			continue
		}
		e := d.defineLongForm(from, open)
		if e == nil {
			continue
		}
		// The short form and its later uses name the same entity.
		if close == open+2 {
			if fresh == nil {
				fresh = map[string]*ent{}
			}
			key := gazetteer.Key(d.tx(open + 1))
			fresh[key] = e
			if d.acronyms == nil {
				d.acronyms = map[string]*ent{}
			}
			d.acronyms[key] = e
		}
		if k := d.owner[open+1]; k >= 0 && d.ments[k].from == open+1 && d.ments[k].to == close {
			d.ments[k].e = e
		} else if k < 0 {
			d.mention(open+1, close, e, 0)
		}
	}
	if fresh == nil {
		return
	}
	for i := range d.toks {
		if d.toks[i].Kind != gazetteer.Word || !d.toks[i].cap || d.claimed[i] || !shortForm(d.tx(i)) {
			continue
		}
		e, ok := fresh[gazetteer.Key(d.tx(i))]
		if !ok {
			continue
		}
		if k := d.owner[i]; k < 0 {
			d.mention(i, i+1, e, 0)
		} else if m := d.ments[k]; m.from == i && m.to == i+1 {
			d.ments[k].e = e
		}
	}
}

// bracketedShortForm reads a short form in the brackets opening at token open: one word
// ("NFW") or words and ampersands written together ("UAEAF&AD"), capitals and digits with at
// least two capitals. It returns the closing bracket's token and the short form's letters
// and digits in lower case, or -1.
func (d *entityStage) bracketedShortForm(open int) (int, []rune) {
	var short []rune
	caps := 0
	for j := open + 1; j < len(d.toks) && j <= open+4; j++ {
		t := d.toks[j]
		if d.is(j, ")") {
			if j == open+1 || caps < 2 {
				return -1, nil
			}
			return j, short
		}
		if j > open+1 && t.Start != d.toks[j-1].End {
			return -1, nil
		}
		if t.Kind != gazetteer.Word && !d.is(j, "&") {
			return -1, nil
		}
		for _, r := range d.tx(j) {
			switch {
			case unicode.IsUpper(r):
				caps++
				short = append(short, unicode.ToLower(r))
			case unicode.IsDigit(r):
				short = append(short, r)
			case unicode.IsLower(r):
				short = append(short, r)
			}
		}
		if j == open+1 && (!t.cap || !shortForm(d.tx(j))) {
			return -1, nil
		}
	}
	return -1, nil
}

// longForm returns the first token of the long form the short form defines, the words right
// before token open, or -1.
func (d *entityStage) longForm(open int, short []rune) int {
	// The window: at most min(|short|+5, 2|short|) words of a name, back to the first word
	// that cannot stand in one.
	limit := min(len(short)+5, 2*len(short))
	from := open
	for words := 0; from > 0 && words < limit; {
		k := from - 1
		t := d.toks[k]
		switch {
		case t.Kind == gazetteer.Word && (t.cap || t.digit):
			words++
		case t.Kind == gazetteer.Word && (d.inR(k, gazetteer.RoleComplementPrepositions|gazetteer.RoleListConjunctions|gazetteer.RoleDedicationPrepositions) || d.inL(k, gazetteer.ListDefiniteArticles)):
			words++
		case d.is(k, "&"):
		default:
			words = limit
			continue
		}
		if d.claimed[k] {
			break
		}
		from = k
	}
	if from == open {
		return -1
	}
	// The long form's letters, and for each the token it is in and whether a word starts there.
	var long []rune
	var at []int32
	var starts []bool
	for k := from; k < open; k++ {
		prevAlnum := false
		for _, r := range d.lo(k) {
			alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
			long = append(long, r)
			at = append(at, int32(k))
			starts = append(starts, alnum && !prevAlnum)
			prevAlnum = alnum
		}
	}
	li := len(long) - 1
	for si := len(short) - 1; si >= 0; si-- {
		c := short[si]
		for li >= 0 && (long[li] != c || si == 0 && !starts[li]) {
			li--
		}
		if li < 0 {
			return -1
		}
		if si > 0 {
			li--
		}
	}
	first := int(at[li])
	// A name of two words or more, starting with a capital or a number.
	if open-first < 2 || !(d.toks[first].cap || d.toks[first].digit) {
		return -1
	}
	return first
}

// defineLongForm makes tokens [from, to) one entity, unless the rules read them so already
// or read them as part of something longer, and returns it (nil when it leaves them).
func (d *entityStage) defineLongForm(from, to int) *ent {
	// A name the long form starts inside is part of it: "US Air Forces Central (AFCENT)",
	// whose letters start at "Air".
	if m := d.owner[from]; m >= 0 && d.ments[m].from < from && d.ments[m].to <= to {
		from = d.ments[m].from
	}
	orgHead := -1
	for k := from; k < to; k++ {
		if d.claimed[k] {
			return nil
		}
		if m := d.owner[k]; m >= 0 && (d.ments[m].from < from || d.ments[m].to > to) {
			return nil
		}
		if d.headLen(k) > 0 && d.toks[k].cap {
			orgHead = k + d.headLen(k) - 1
		}
	}
	typ := facts.Organization
	if d.placeHead(to-1) && orgHead < 0 {
		typ = facts.Location
	}
	if m := d.owner[from]; m >= 0 && d.ments[m].from == from && d.ments[m].to == to {
		old := d.ments[m].e
		if old.typ == typ || old.typ == facts.Country || old.typ == facts.Location && orgHead < to-1 {
			return nil // one entity already; a place whose name an organization's head starts ("Coast Guard Station") stays one
		}
	}
	e := d.entityNamed(d.spanText(from, to), typ)
	if typ == facts.Organization && e.head == "" && orgHead >= 0 {
		e.head = d.lo(orgHead)
	}
	// The mentions inside give way; a country among them is still named, inside.
	kept := d.ments[:0]
	for _, m := range d.ments {
		if m.from >= from && m.to <= to {
			if m.e.typ == facts.Country {
				d.nested(m.from, m.to, m.e)
				if e.country == "" && typ == facts.Organization {
					e.country = m.e.id
				}
			} else if e.country == "" && typ == facts.Organization {
				e.country = m.e.country // "Navy of the Islamic Republic of Iran Army (IRIN)" is Iran's
			}
			continue
		}
		kept = append(kept, m)
	}
	d.ments = kept
	d.reindexOwners()
	for k := from; k < to; k++ {
		d.owner[k] = -1
	}
	d.mention(from, to, e, 0)
	if e.head != "" {
		d.rememberOrg(e)
	}
	return e
}

// orgEvidence finds the names of organizations that have no organization's head word, by
// what only an organization is or has: a noun of its kind before the name ("gold miner
// Kestrel Ridge", "the operator, Tern Lines,"; data/words/organization_nouns.txt), a thing
// only an organization has after its possessive ("Kestrel Ridge's shares";
// organization_possessions.txt), or a last word in the plural that the text also writes
// after "the" ("Tarn Rovers … the Rovers"): a person's name takes no article. Also: an
// apposition whose noun is an organization's kind ("Walmart, the largest U.S. retailer,"), a
// name before a lower-case role and a person ("Rangers coach NAME"), "X said its"
// (saidItsSubject), a plural after a one-word city ("Ulster Rangers"), and the sides of a
// score beside a result word (teamsByScore; not a word the text also writes as a surname: a
// tennis player has a score too). It records the names in orgNames, for the runs that would
// otherwise be read as persons (orgRun).
func (d *entityStage) orgEvidence() {
	var plurals []string // capitalised plurals written after "the": "the Rovers"
	for _, s := range d.sents {
		for i := s.from; i < s.to; i++ {
			t := &d.toks[i]
			switch {
			case t.Kind == gazetteer.Possessive:
				if d.inR(i+1, gazetteer.RoleOrganizationPossessions) && !d.tok(i+1).Cap() {
					d.orgRunBefore(i, s.span)
				}
			case t.Kind != gazetteer.Word:
			case d.inL(i, gazetteer.ListDefiniteArticles):
				if d.nameWord(i+1) && !d.tok(i+2).Cap() && plural(d.tx(i+1)) {
					plurals = append(plurals, d.tx(i+1))
				}
			case !t.Cap() && d.inR(i, gazetteer.RoleOrganizationDeterminers):
				d.saidItsSubject(i, s.span)
			case t.Cap() && !d.roleOrCommaNear(i):
				// The two rules below need a comma or a title within four tokens.
			case t.Cap() && d.nameWord(i) && !d.nameWord(i-1) && d.orgNounApposition(i, s.to) > 0:
				// "Walmart, the largest U.S. retailer, said": an apposition whose noun is an
				// organization's kind.
				d.markOrgName(i, i+d.nameRun(i, s.to))
			case t.Cap() && d.nameWord(i) && !d.nameWord(i-1) && d.titleLen(i-1) == 0 && !d.honorificBefore(i):
				// "Rangers coach Stephen Irvine", "Manchester United manager Erik Lund": a
				// plural name, or a name of two or three words that is no place, before a
				// lower-case role and a person is the team or body whose role that is; no
				// person's surname stands there.
				r := d.nameRun(i, s.to)
				if r == 1 && !plural(d.tx(i)) || r > 3 || d.tok(i+r).Cap() {
					break
				}
				if _, m := d.g.CityAt(d.kid, i); m == r {
					break
				}
				if n := d.titleChain(i+r, s.to); n > 0 && !d.inR(i+r, gazetteer.RolePlaceTitles) && d.nameWord(i+r+n) && d.nameWord(i+r+n+1) {
					if r == 1 {
						plurals = append(plurals, d.tx(i))
					} else {
						d.markOrgName(i, i+r)
					}
				}
			case !t.Cap() && d.inTerm(i, gazetteer.TermPartyNouns) && d.nameWord(i-1):
				// "the New Unity party": the capitalised words before the noun name a party.
				k := i - 1
				for k > s.from && i-k < 4 && d.nameWord(k-1) {
					k--
				}
				d.markOrgName(k, i)
			case !t.Cap() && d.inR(i, gazetteer.RoleOrganizationNouns):
				k := i + 1
				comma := d.is(k, ",")
				if comma {
					k++
				}
				n := d.nameRun(k, s.to)
				switch {
				case n == 0 && !comma && d.kindAcronym(k):
					// "the state weather bureau PAGASA said": an acronym after its kind is
					// an organization's short form wherever it stands.
					if d.acronyms == nil {
						d.acronyms = map[string]*ent{}
					}
					if key := gazetteer.Key(d.tx(k)); d.acronyms[key] == nil {
						d.acronyms[key] = d.entityNamed(d.tx(k), facts.Organization)
					}
				case n == 0 || d.tok(k+n).Cap():
				case comma && (n < 2 || !(d.is(k+n, ",") || d.is(k+n, ".")) || d.speechAt(k+n+1) > 0):
					// "the company, Jane Roe said, …": a speaker set off, not the company.
				default:
					d.markOrgName(k, k+n)
				}
			}
		}
	}
	d.teamsByScore()
	for _, s := range d.sents {
		for i := s.from; i < s.to; i++ {
			if !d.toks[i].Cap() {
				continue
			}
			// "Ulster Rangers", "Cardiff Dragons": a plural after a one-word city or state
			// of the gazetteer names a team or a body, not a person (given names that are
			// cities are in city_stoplist.txt).
			teamLike := d.tok(i+1).Cap() && !d.tok(i+2).Cap() && plural(d.tx(i+1))
			if len(plurals) == 0 && !teamLike || i > s.from && d.nameWord(i-1) {
				continue
			}
			n := d.nameRun(i, s.to)
			if n < 2 || d.tok(i+n).Cap() || d.initials(span{i, i + n}) > 0 {
				continue
			}
			if slices.Contains(plurals, d.tx(i+n-1)) {
				d.markOrgName(i, i+n)
				continue
			}
			if _, m := d.g.CityAt(d.kid, i); teamLike && n == 2 && m == 1 && !d.honorificBefore(i) && d.titleLen(i-1) == 0 {
				d.markOrgName(i, i+n)
			}
		}
	}
}

// teamsByScore marks one-word names on either side of a result word (data/words/result_words.txt)
// in a sentence with a score as teams: "Arsenal beat Chelsea 2-1", "a 27-20 win over Ulster".
// A word the text also writes after a given name is a person's ("Ana Ruiz … Ruiz beat Lopez
// 6-4"): persons are not known yet, so a name after another capitalised word anywhere in the
// text is left alone.
func (d *entityStage) teamsByScore() {
	for _, s := range d.sents {
		score := false
		for i := s.from; i < s.to && !score; i++ {
			score = d.toks[i].IsDigitWord() && isScore(d.tx(i)) || d.marginAt(i)
		}
		if !score {
			continue
		}
		for i := s.from; i < s.to; i++ {
			if !d.inR(i, gazetteer.RoleResultWords) || d.tok(i).Cap() {
				continue
			}
			var sides []span
			person := false // a side that may be a person's name: a match of players
			for _, k := range []int{i - 1, i + 1, i + 2} {
				if k == i+2 && !(d.inR(i+1, gazetteer.RoleResultPrepositions) && !d.tok(i+1).Cap()) {
					continue
				}
				if !d.orgWord(k) || k < i && d.tok(k+1).Kind == gazetteer.Possessive {
					continue
				}
				r := span{k, k + 1}
				for r.from > s.from && r.to-r.from < 3 && d.orgWord(r.from-1) && !d.lineBreakBefore(r.from) && k < i {
					r.from--
				}
				for r.to-r.from < 3 && d.orgWord(r.to) && k > i {
					r.to++
				}
				if d.orgWord(r.from-1) && !d.lineBreakBefore(r.from) || d.orgWord(r.to) || r.to-r.from == 1 && !d.nameWord(k) {
					continue // "France beat Italy 2-1": countries stay countries
				}
				if r.to-r.from == 1 {
					// A state or city of the gazetteer is nobody's surname: "Tasmania beat
					// Queensland by an innings" after "Cricket Tasmania".
					if _, m := d.g.CityAt(d.kid, k); m != 1 {
						person = person || d.surnameSomewhere(d.tx(k))
					}
				} else if !d.placeInside(r) {
					// "Real Madrid", "Bayern Munich" name their city; "Ana Ramirez" no place.
					person = true
				}
				sides = append(sides, r)
			}
			for _, r := range sides {
				if !person {
					d.markOrgName(r.from, r.to)
				}
			}
		}
	}
}

// lineBreakBefore reports whether a line ends between tokens i-1 and i: a headline with no
// full stop runs into the paragraph after it ("… at Bellerive" / "Tasmania beat …").
func (d *entityStage) lineBreakBefore(i int) bool {
	return i > 0 && i < len(d.toks) && strings.IndexByte(d.body[d.toks[i-1].b1:d.toks[i].b0], '\n') >= 0
}

// marginAt reports whether token i is a winning margin's unit after "by" within four words:
// "by six wickets", "by an innings" (data/words/margin_units.txt).
func (d *entityStage) marginAt(i int) bool {
	if !d.inTerm(i, gazetteer.TermMarginUnits) || d.toks[i].Cap() {
		return false
	}
	for k := i - 1; k >= 0 && i-k <= 4; k-- {
		if d.inR(k, gazetteer.RoleAgentPrepositions) {
			return true
		}
	}
	return false
}

// placeInside reports whether a word of the run r is a city, capital or country of the
// gazetteer ("Bayern Munich", "Real Madrid").
func (d *entityStage) placeInside(r span) bool {
	for k := r.from; k < r.to; k++ {
		if _, m := d.g.CityAt(d.kid, k); m > 0 && k+m <= r.to {
			return true
		}
		if e, m := d.nameAtTok(k); m > 0 && k+m <= r.to && (e.Kind == gazetteer.KindCapital || e.Kind == gazetteer.KindCountry) {
			return true
		}
	}
	return false
}

// surnameSomewhere reports whether the word w follows another capitalised word that can be
// part of a name somewhere in the text ("Ana Ruiz"): it may be a person's surname. The words
// are gathered once, at the first call, so that a text of many scores stays linear.
func (d *entityStage) surnameSomewhere(w string) bool {
	if d.surnames == nil {
		d.surnames = map[string]bool{}
		for k := 1; k < len(d.toks); k++ {
			if d.toks[k].Kind == gazetteer.Word && d.nameWord(k-1) {
				d.surnames[d.tx(k)] = true
			}
		}
	}
	return d.surnames[w]
}

// isScore reports whether w is a score: digits, a hyphen or dash, digits ("2-1", "27–20").
func isScore(w string) bool {
	a, b, ok := strings.Cut(w, "-")
	if !ok {
		a, b, ok = strings.Cut(w, "–")
	}
	return ok && a != "" && b != "" && isDigits(a) && isDigits(b)
}

// saidItsSubject marks the one-word name before a speech verb that "its" follows (at token i,
// perhaps after "that") as an organization's: "Pfizer said its new vaccine", "Norvik said that
// its nurses". A word the text also writes after a given name may be a person's surname, and is
// left alone; so is a name of two words ("Jane Smith said its impact was small").
func (d *entityStage) saidItsSubject(i int, s span) {
	for v := i - 1; v > s.from && i-v <= 4; v-- {
		n := d.speechAt(v)
		if n == 0 {
			continue
		}
		if e := v + n; !(e == i || e+1 == i && d.inR(e, gazetteer.RoleComplementizers)) {
			return
		}
		// One word only: "Jane Smith said its impact was small" is a person's.
		k := v - 1
		if k < s.from || !d.nameWord(k) || d.nameWord(k-1) || d.titleLen(k-1) > 0 || d.honorificBefore(k) || d.surnameSomewhere(d.tx(k)) {
			return
		}
		d.markOrgName(k, v)
		return
	}
}

// roleOrCommaNear reports whether a comma or a title stands within the four tokens after i:
// what the apposition and role rules of orgEvidence need, checked first because it is cheap.
func (d *entityStage) roleOrCommaNear(i int) bool {
	for k := i + 1; k <= i+4 && k < len(d.toks); k++ {
		if d.feat[k].title != 0 || d.toks[k].Kind == gazetteer.Punct && d.is(k, ",") {
			return true
		}
	}
	return false
}

// orgNounApposition returns the length of the name at i when an apposition follows it whose
// last word is an organization's kind (data/words/organization_nouns.txt): "Walmart, the
// largest U.S. retailer,", "Tidewater, a Nevada battery maker's supplier,"; 0 otherwise.
func (d *entityStage) orgNounApposition(i, end int) int {
	n := d.nameRun(i, end)
	j := i + n
	if n == 0 || n > 3 || !d.is(j, ",") || !d.inL(j+1, gazetteer.ListArticles) {
		return 0
	}
	for k := j + 2; k < end && k-j <= 7; k++ {
		if d.is(k, ",") || d.is(k, ".") && !d.abbrevDot(k) {
			if d.inR(k-1, gazetteer.RoleOrganizationNouns) && !d.tok(k-1).Cap() {
				return n
			}
			return 0
		}
		if d.toks[k].Kind != gazetteer.Word && !d.abbrevDot(k) && !d.is(k, "-") || d.titleLen(k) > 0 ||
			d.inR(k, gazetteer.RoleComplementPrepositions|gazetteer.RoleDedicationPrepositions|gazetteer.RoleSpeakerAffiliationPrepositions) {
			return 0 // "Paula Grant, a spokeswoman for the promoter,": the noun is the person's
		}
	}
	return 0
}

// orgRunBefore records the run of two or more name words that ends right before token j in
// sentence s as an organization's name.
func (d *entityStage) orgRunBefore(j int, s span) {
	k := j
	for k > s.from && j-k < 5 && d.nameWord(k-1) {
		k--
	}
	if j-k >= 2 && d.nameRun(k, s.to) == j-k {
		d.markOrgName(k, j)
	}
}

// markOrgName records the name in tokens [from, to) as an organization's, and its first
// words, of two or more, as a short form of it ("Ridge Hollow" of "Ridge Hollow Resources").
func (d *entityStage) markOrgName(from, to int) {
	if d.orgNames == nil {
		d.orgNames = map[string]string{}
	}
	name := d.spanText(from, to)
	d.orgNames[slug(name)] = name
	for k := to - 1; k-from >= 2; k-- {
		if id := slug(d.spanText(from, k)); d.orgNames[id] == "" {
			d.orgNames[id] = name
		}
	}
}

// orgRun reports whether a capitalised run is a name orgEvidence found to be an
// organization's, and if so records it as one.
func (d *entityStage) orgRun(from, to int) bool {
	if d.orgNames == nil {
		return false
	}
	name := d.orgNames[slug(d.spanText(from, to))]
	if name == "" {
		return false
	}
	d.mention(from, to, d.entityNamed(name, facts.Organization), 0)
	return true
}

// b2i is 1 for true, 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// plural reports whether a capitalised word looks like a plural noun: it ends in a lower-case
// "s" after a letter that is no "s" ("Rovers", not "Ross").
func plural(w string) bool {
	return len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' && w[len(w)-2] != '\''
}

// postNominal reports whether token i is post-nominal letters in capitals after a name
// ("MS", "QC"; data/words/post_nominals.txt): no part of the name, and no name itself.
func (d *entityStage) postNominal(i int) bool {
	t := d.tok(i)
	return t.Kind == gazetteer.Word && t.Cap() && d.inR(i, gazetteer.RolePostNominals) && allCaps(d.tx(i))
}
