package extract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// TestTypingSectorWords holds a capitalised name whose last word is a sector word
// (orgheads.txt and words/name_heads.txt: Foods, Air, Water, Chemie, Gallery …) an
// organization with no other evidence; its name without that word is its short form later;
// two such companies joined by "and" stay two, while "Air and Space Force" is one name.
func TestTypingSectorWords(t *testing.T) {
	x := mustFacts(t, "Marrowby Foods said it would cut 80 jobs. Quillan Air and Brackwater Chemie said nothing. Pellam Gallery said it had sold the work.")
	for _, name := range []string{"Marrowby Foods", "Quillan Air", "Brackwater Chemie", "Pellam Gallery"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Organization, e.Type, name)
	}
	require.NotEmpty(t, x.Statements)
	assert.Equal(t, "marrowby-foods", x.Statements[0].SpeakerID)

	x = mustFacts(t, "The Norvian Air and Space Force flew six jets. Copper miner Tallow Creek Resources agreed to pay. Tallow Creek said the deal was fair.")
	e, ok := entityNamed(x, "Norvian Air and Space Force")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
	e, ok = entityNamed(x, "Tallow Creek")
	require.True(t, ok)
	assert.Equal(t, "tallow-creek-resources", e.ID)
}

// TestTypingStakeNouns holds a name after "shares in" a company, not a place, and the first
// word of a company named before as that company; "Rents in Orvik" stays a place.
func TestTypingStakeNouns(t *testing.T) {
	x := mustFacts(t, "Dunmere Chemie cut its forecast. Shares in Dunmere fell 4%. Investors also sold shares in Quorvel on Tuesday.")
	e, ok := entityNamed(x, "Dunmere Chemie")
	require.True(t, ok)
	d, ok := entityNamed(x, "Dunmere")
	require.True(t, ok)
	assert.Equal(t, e.ID, d.ID)
	q, ok := entityNamed(x, "Quorvel")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, q.Type)
}

// TestTypingLeadingHeads holds a name opened by an organization's head in another language
// (words/leading_heads.txt: Museu, Fundacio …) one organization, particles and all.
func TestTypingLeadingHeads(t *testing.T) {
	x := mustFacts(t, "The Museu de la Salina said the map would go on show. The Fundacion Ortega Vela paid half.")
	for _, name := range []string{"Museu de la Salina", "Fundacion Ortega Vela"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Organization, e.Type, name)
	}
}

// TestTypingGivenNames holds a country's name that is also a given name (words/given_names.txt)
// a person's first name before a surname, and the country elsewhere.
func TestTypingGivenNames(t *testing.T) {
	x := mustFacts(t, "Its curator, Montserrat Ballester, said the loan was agreed. Dr Kenya Otieno, a surgeon, said the ward was full. Exports to Kenya rose.")
	for _, name := range []string{"Montserrat Ballester", "Kenya Otieno"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Person, e.Type, name)
	}
	e, ok := entityNamed(x, "Kenya")
	require.True(t, ok)
	assert.Equal(t, facts.Country, e.Type)
	_, ok = entityNamed(x, "Montserrat")
	assert.False(t, ok)
}

// TestTypingCompanyAfterAnalyst holds "the company said" as the organization that spoke last,
// not an analyst's employer named since; "Unite, the union," is the union that speaks.
func TestTypingCompanyAfterAnalyst(t *testing.T) {
	x := mustFacts(t, "Farrowdale Motors said it would close a plant. \"It is a blow,\" said Ines Moro, an analyst at Tidemark Securities. The company, which employs 9,000 people, said talks would start.\n"+
		"Unite, the union, which represents the drivers, said it would ballot members. The union said talks had failed.")
	require.Len(t, x.Statements, 5)
	assert.Equal(t, "farrowdale-motors", x.Statements[2].SpeakerID)
	assert.Equal(t, "unite", x.Statements[3].SpeakerID)
	assert.Equal(t, "unite", x.Statements[4].SpeakerID)
}

// TestTypingNounOfOrganization holds "the fund said" as the organization the text called a
// fund ("Orrin Capital, a fund which owns …"), not the company named after it, and "the miner
// said" as the company named after "gold miner".
func TestTypingNounOfOrganization(t *testing.T) {
	x := mustFacts(t, "Selvan Motors said it would cut 200 jobs. Orrin Capital, a fund which owns 9% of Selvan Motors, welcomed the plan. The fund said the cuts were overdue.\n"+
		"Gold miner Pellow Ridge bought a mine from Harlan Metals. The miner said output would double.")
	require.Len(t, x.Statements, 3)
	assert.Equal(t, "orrin-capital", x.Statements[1].SpeakerID)
	assert.Equal(t, "pellow-ridge", x.Statements[2].SpeakerID)
}
