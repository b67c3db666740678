package extract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// assertTypes checks that each name is an entity (or an alias of one) of the given type.
func assertTypes(t *testing.T, x facts.Extraction, want map[string]facts.EntityType) {
	t.Helper()
	for name, typ := range want {
		e, ok := entityNamed(x, name)
		if assert.True(t, ok, name) {
			assert.Equal(t, typ, e.Type, name)
		}
	}
}

// TestNamedStorms holds a capitalised storm word and the name after it one event ("Typhoon
// Orvik"), and a lower-case storm word beside a number no event ("a Category 4 storm").
func TestNamedStorms(t *testing.T) {
	x := mustFacts(t, "Typhoon Orvik crossed Kelby overnight. It was a Category 4 storm, officials said.")
	assertTypes(t, x, map[string]facts.EntityType{"Typhoon Orvik": facts.Event})
	_, ok := entityNamed(x, "Category 4")
	assert.False(t, ok)
}

// TestCompanyLegalForms holds a company named with its legal form ("Tern Freight Ltd", "Orvik
// Energy ASA") and later without it one company, and name heads that count only capitalised
// ("Kelby Securities", "Varn Works"; not "Jane Smith works").
func TestCompanyLegalForms(t *testing.T) {
	x := mustFacts(t, "Tern Freight Ltd said it would cut jobs. Tern Freight said the cuts were needed. Orvik Energy ASA reported a loss, and Orvik Energy said it would sell assets.")
	for _, name := range []string{"Tern Freight", "Orvik Energy"} {
		n := 0
		for _, e := range x.Entities {
			if e.Name == name {
				n++
				assert.Equal(t, facts.Organization, e.Type)
			}
		}
		assert.Equal(t, 1, n, name)
	}
	e, ok := entityNamed(x, "Tern Freight Ltd")
	require.True(t, ok)
	assert.Equal(t, "Tern Freight", e.Name)
	x = mustFacts(t, "Analysts at Kelby Securities said the deal was sound. Varn Battery Works will supply the cells. Jane Varro works for the ministry, Jane Varro said.")
	assertTypes(t, x, map[string]facts.EntityType{"Kelby Securities": facts.Organization, "Varn Battery Works": facts.Organization, "Jane Varro": facts.Person})
}

// TestOrganizationKindBefore holds a name right after a lower-case noun of an organization's
// kind an organization ("shipyard Kelby Verft", "brokerage Tern Capital", "unit Orvik").
func TestOrganizationKindBefore(t *testing.T) {
	x := mustFacts(t, "The hulls come from Bergen shipyard Kelby Verft. Dalal Street brokerage Tern Markets said the stock was cheap. Varn Group unit Orvik began work in May.")
	assertTypes(t, x, map[string]facts.EntityType{"Kelby Verft": facts.Organization, "Tern Markets": facts.Organization, "Orvik": facts.Organization})
}

// TestTeamsByMargin holds states on either side of a result word in a sentence with a winning
// margin ("by six wickets") teams, in that sentence and wherever the text names them again,
// even after a headline with no full stop; countries stay countries.
func TestTeamsByMargin(t *testing.T) {
	x := mustFacts(t, "Big win for the Bulls at the Gabba\nQueensland beat New South Wales by six wickets on Sunday. Queensland captain Tom Varro said the side was happy.")
	assertTypes(t, x, map[string]facts.EntityType{"Queensland": facts.Organization, "New South Wales": facts.Organization, "Tom Varro": facts.Person})
	x = mustFacts(t, "India beat Australia by 41 runs in Perth.")
	assertTypes(t, x, map[string]facts.EntityType{"India": facts.Country, "Australia": facts.Country})
}

// TestPlaceContexts holds a place after a sentence-opening "In", the end of a range "from X to
// Y", plural place nouns ("the towns of X and Y"), a highway, and a place named again after an
// organization that starts with its name ("Kelby Town Council", then "the Kelby economy").
func TestPlaceContexts(t *testing.T) {
	x := mustFacts(t, "In Orvik Tarn, classes were suspended. Power lines are down from Kelby to Varn Nido, he said. Most deaths were in the towns of Tarsk and Orvel. Trucks used the Varro Highway.")
	assertTypes(t, x, map[string]facts.EntityType{"Orvik Tarn": facts.Location, "Varn Nido": facts.Location, "Tarsk": facts.Location, "Orvel": facts.Location, "Varro Highway": facts.Location})
	x = mustFacts(t, "The base lies south of Kelby. Kelby Town Council Mayor Ana Varro said the drills were worth $6 million to the Kelby economy.")
	assertTypes(t, x, map[string]facts.EntityType{"Kelby Town Council": facts.Organization, "Ana Varro": facts.Person})
	e, ok := entityNamed(x, "Kelby")
	require.True(t, ok)
	assert.Equal(t, facts.Location, e.Type)
	assert.Len(t, e.Mentions, 2)
}

// TestUnitServingAPlace holds words, a head and the country or province a unit serves one
// organization ("Multinational Brigade Latvia", "Coast Guard District Palawan"), and a head
// before a country's possessive no such name.
func TestUnitServingAPlace(t *testing.T) {
	x := mustFacts(t, "The Kelby Multinational Brigade Latvia leads the drill. Coast Guard District Palawan sent two vessels. The Orvik Defence Force Latvia's allies trust said nothing.")
	assertTypes(t, x, map[string]facts.EntityType{"Kelby Multinational Brigade Latvia": facts.Organization, "Coast Guard District Palawan": facts.Organization, "Latvia": facts.Country})
}

// TestParties holds capitalised words before "party" a party ("the Orvik Unity party"), and a
// party's short name standing alone an organization ("Labour's spokesman", "the Greens"), but
// not before a capitalised word ("Labour Day") or opening a sentence as a common noun.
func TestParties(t *testing.T) {
	x := mustFacts(t, "Minister Ana Varro, of the Orvik Unity party, said the plan was sound. Labour's spokesman Tom Kelby said it was not. The Greens voted against it. Greens MP Ana Lu agreed.")
	assertTypes(t, x, map[string]facts.EntityType{"Orvik Unity": facts.Organization, "Labour": facts.Organization, "Greens": facts.Organization, "Tom Kelby": facts.Person, "Ana Lu": facts.Person})
	x = mustFacts(t, "Labour Day parades were held in Kelby. Labour costs rose.")
	for _, e := range x.Entities {
		assert.NotEqual(t, facts.Organization, e.Type, e.Name)
	}
}

// TestNumberedUnitsAndCityBeforeKind holds "No. 3 Squadron" one organization with its number,
// and a city before an organization's kind the place where it is ("Bergen shipyard").
func TestNumberedUnitsAndCityBeforeKind(t *testing.T) {
	x := mustFacts(t, "Jets from No. 3 Squadron landed at Kelby. The hulls come from the Bergen shipyard Orvik Verft.")
	assertTypes(t, x, map[string]facts.EntityType{"No. 3 Squadron": facts.Organization, "Bergen": facts.Location, "Orvik Verft": facts.Organization})
}

// TestLegalFormsInCapitals holds a company with a legal form in capitals that is no head ("Orvik
// Aqua AS") or before its name ("PT Kelby Permai", also after a title's "of"), named without it,
// and a sentence-opening "As" no legal form.
func TestLegalFormsInCapitals(t *testing.T) {
	x := mustFacts(t, "Orvik Aqua AS today opened a farm. Ana Varro, president director of PT Kelby Permai, was fined. As expected, Kelby Permai will appeal.")
	assertTypes(t, x, map[string]facts.EntityType{"Orvik Aqua": facts.Organization, "Kelby Permai": facts.Organization, "Ana Varro": facts.Person})
	e, _ := entityNamed(x, "Kelby Permai")
	assert.Contains(t, e.Aliases, "PT Kelby Permai")
	assert.Len(t, e.Mentions, 2)
}

// TestCountryAsFirstName holds a country's name right after a title and before a surname a
// person's first name ("captain Jordan Pyke"), and a country after a title with no name after
// it the country.
func TestCountryAsFirstName(t *testing.T) {
	x := mustFacts(t, "Kelby captain Jordan Varro said the side was happy. Sen. Chad E. Tarn agreed. The Ambassador Jordan said nothing.")
	assertTypes(t, x, map[string]facts.EntityType{"Jordan Varro": facts.Person, "Chad E. Tarn": facts.Person})
	for _, e := range x.Entities {
		if e.Name == "Jordan" {
			assert.Equal(t, facts.Country, e.Type)
		}
	}
}

// TestPlaceLists holds the single names of a list after "on" places once one of them is a
// gazetteer city ("on Orvik, Chios, Tarsk and Varnos"), and a list of names with no place in
// it nothing.
func TestPlaceLists(t *testing.T) {
	x := mustFacts(t, "Troops are stationed on Orvik, Chios, Tarsk and Varnos, the ministry said.")
	assertTypes(t, x, map[string]facts.EntityType{"Orvik": facts.Location, "Chios": facts.Location, "Tarsk": facts.Location, "Varnos": facts.Location})
	x = mustFacts(t, "The report was written on Orvik, Tarsk and Varnos paper.")
	_, ok := entityNamed(x, "Tarsk")
	assert.False(t, ok)
}

// TestAcronymAfterKindAndBodyOfPlace holds an acronym after an organization's kind an
// organization wherever it stands ("bureau KELMET"), and a name after a lower-case body and
// "of" a place ("the provincial government of Orvik Tarn").
func TestAcronymAfterKindAndBodyOfPlace(t *testing.T) {
	x := mustFacts(t, "The state weather bureau KELMET said rain would fall. KELMET also issued a warning. The provincial government of Orvik Tarn evacuated families.")
	assertTypes(t, x, map[string]facts.EntityType{"KELMET": facts.Organization, "Orvik Tarn": facts.Location})
	e, _ := entityNamed(x, "KELMET")
	assert.Len(t, e.Mentions, 2)
}

// TestPairsAndIncludedPlaces holds the second name of "between <place> and Y" a place, a
// capital after "between" the government still ("relations between Canberra and Jakarta"), and a list of names after "including" places when a
// gazetteer city is among them.
func TestPairsAndIncludedPlaces(t *testing.T) {
	x := mustFacts(t, "Ships sailed between Montevideo and Orvik del Tarn, the navy said. Jets flew from air bases including Kelby, Gwangju and Varnos.")
	assertTypes(t, x, map[string]facts.EntityType{"Orvik del Tarn": facts.Location, "Kelby": facts.Location, "Gwangju": facts.Location, "Varnos": facts.Location})
}

// TestCentresAndExchanges holds "Center", "Centre" and "Exchange" capitalised heads of an
// organization's name ("Kelby Medical Center", "Orvik Metal Exchange").
func TestCentresAndExchanges(t *testing.T) {
	x := mustFacts(t, "Doctors at Kelby Medical Center said three children were ill. Prices on the Orvik Metal Exchange rose. The Tarn Research Centre said so.")
	assertTypes(t, x, map[string]facts.EntityType{"Kelby Medical Center": facts.Organization, "Orvik Metal Exchange": facts.Organization, "Tarn Research Centre": facts.Organization})
}

// TestTreatiesAndBattles holds a capitalised treaty or battle word, "of" and a name one event
// ("the Treaty of Kelby"), not the place the name is.
func TestTreatiesAndBattles(t *testing.T) {
	x := mustFacts(t, "Ankara regards it as a breach of the 1923 Treaty of Lausanne. The Battle of Orvik ended in 1916.")
	assertTypes(t, x, map[string]facts.EntityType{"Treaty of Lausanne": facts.Event, "Battle of Orvik": facts.Event})
	_, ok := entityNamed(x, "Lausanne")
	assert.False(t, ok)
}

// TestHeadOfThePlace holds a head, "of the" and a one-word state one organization
// ("University of the Punjab").
func TestHeadOfThePlace(t *testing.T) {
	x := mustFacts(t, "Ana Varro teaches at the University of the Punjab in Lahore.")
	assertTypes(t, x, map[string]facts.EntityType{"University of the Punjab": facts.Organization, "Lahore": facts.Location})
}

// TestNamedFires holds capitalised words ending in a capitalised fire word a named event ("the
// Kelby Fire"), and a fire service an organization.
func TestNamedFires(t *testing.T) {
	x := mustFacts(t, "The town was destroyed by the Kelby Fire in 2018. The Orvik Fire Service said crews were ready.")
	assertTypes(t, x, map[string]facts.EntityType{"Kelby Fire": facts.Event, "Orvik Fire Service": facts.Organization})
}

// TestPlaceNounBefore holds a name after an article and a lower-case place noun a place ("the
// river Orvel").
func TestPlaceNounBefore(t *testing.T) {
	x := mustFacts(t, "Homes flooded after the river Orvel burst its banks.")
	assertTypes(t, x, map[string]facts.EntityType{"Orvel": facts.Location})
}

// TestRegionAfterTheArticle holds one word after a place preposition and "the" a region ("in
// the Orvikanese"), but not a word before a title or a particle, nor a chamber ("in the
// Commons", now an organization's head: "the House of Commons").
func TestRegionAfterTheArticle(t *testing.T) {
	x := mustFacts(t, "Patrols increased in the Orvikanese last year. The bill passed in the House of Commons. She has confidence in the Environment Secretary.")
	assertTypes(t, x, map[string]facts.EntityType{"Orvikanese": facts.Location, "House of Commons": facts.Organization})
	_, ok := entityNamed(x, "Environment")
	assert.False(t, ok)
}

// TestGroupNounsOpenNoOrganization holds "Sailors and Marines" people, not one organization,
// while "Food and Drug Administration" stays one.
func TestGroupNounsOpenNoOrganization(t *testing.T) {
	x := mustFacts(t, "Sailors and Marines from Kelby wrapped up the drill. The Food and Drug Administration said so.")
	_, ok := entityNamed(x, "Sailors and Marines")
	assert.False(t, ok)
	assertTypes(t, x, map[string]facts.EntityType{"Food and Drug Administration": facts.Organization})
}
