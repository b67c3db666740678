package eval

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/newsfacts/newsfacts/internal/facts"
)

func TestArticle(t *testing.T) {
	g := Gold{
		Entities: []GoldEntity{
			{Key: "ana", Types: []string{"person"}, Names: []string{"Ana Ruiz", "Ruiz"}},
			{Key: "peru", Types: []string{"country"}, Names: []string{"Peru"}},
			{Key: "chile", Types: []string{"country"}, Names: []string{"Chile"}},
			{Key: "opt", Types: []string{"group"}, Names: []string{"officials"}, Optional: true},
		},
		Statements: []GoldStatement{
			{Speaker: "ana", Kind: "direct", Text: "We are ready."},
			{Speaker: "ana", Kind: "indirect", Text: "Peru will host the drills"},
			{Speaker: "peru", Kind: "indirect", Text: "Chile is invited"},
		},
		Exercises: []GoldExercise{
			{Names: []string{"Condor 2025"}, Host: "peru", Participants: []string{"peru", "chile"}, Month: "2025-05"},
		},
	}
	x := facts.Extraction{
		Entities: []facts.Entity{
			{ID: "ana-ruiz", Name: "Ana Ruiz", Type: facts.Person},
			{ID: "peru", Name: "Peru", Type: facts.Country},
			{ID: "chile", Name: "Chile", Type: facts.Location}, // wrong type
			{ID: "officials", Name: "officials", Type: facts.Group},
			{ID: "lima", Name: "Lima", Type: facts.Location}, // extra
		},
		Statements: []facts.Statement{
			{ID: "s1", SpeakerID: "ana-ruiz", Kind: facts.Direct, Text: "We are ready."},
			{ID: "s2", SpeakerID: "peru", Kind: facts.Indirect, Text: "Peru will host the drills"}, // wrong speaker
			{ID: "s3", Kind: facts.Indirect, Text: "Lima is sunny"},                                // extra
		},
		Exercises: []facts.Exercise{
			{ID: "condor-2025", Name: "Condor 2025", HostID: "peru", ParticipantIDs: []string{"peru", "lima"},
				Period: &facts.Period{Start: facts.Date{Year: 2025, Month: 6, Day: 1}, End: facts.Date{Year: 2025, Month: 6, Day: 1}}},
		},
	}
	r := Article(Case{Name: "a", Gold: g}, x)
	assert.Equal(t, Count{TP: 2, FP: 2, FN: 1}, r.Score[Entities], "chile as location: a miss and an extra; lima extra; officials optional")
	assert.Equal(t, Count{TP: 2, FP: 1, FN: 1}, r.Score[Statements])
	assert.Equal(t, Count{TP: 1, FP: 1, FN: 1}, r.Score[Attribution])
	assert.Equal(t, Count{TP: 1}, r.Score[Exercises])
	assert.Equal(t, Count{TP: 1, FP: 1, FN: 1}, r.Score[Participants])
	assert.Equal(t, Count{TP: 1}, r.Score[Host])
	assert.Equal(t, Count{FP: 1, FN: 1}, r.Score[Month])
	assert.Equal(t, Count{TP: 8, FP: 6, FN: 5}, r.Score.Micro())
	assert.Len(t, r.Misses, 9, "one line per miss or extra")
	assert.Equal(t, KindCount{Statements: Count{TP: 1}, Attribution: Count{TP: 1}}, r.ByKind.Direct)
	assert.Equal(t, KindCount{Statements: Count{TP: 1, FP: 1, FN: 1}, Attribution: Count{FP: 1, FN: 1}}, r.ByKind.Indirect)
}

func TestArticleByKind(t *testing.T) {
	g := Gold{
		Entities: []GoldEntity{
			{Key: "ana", Types: []string{"person"}, Names: []string{"Ana Ruiz", "Ruiz"}},
			{Key: "court", Types: []string{"organization"}, Names: []string{"High Court"}},
		},
		Statements: []GoldStatement{
			{Speaker: "ana", Kind: "direct", Text: "We will appeal."},
			{Speaker: "ana", Kind: "direct", Text: "This is not over."},
			{Speaker: "ana", Kind: "direct", Text: "The ruling is wrong."},
			{Speaker: "court", Kind: "indirect", Text: "the contract was void"},
			{Speaker: "ana", Kind: "indirect", Text: "she had not been consulted"},
			{Speaker: "ana", Kind: "direct", Text: "void", Optional: true},
		},
	}
	x := facts.Extraction{
		Entities: []facts.Entity{
			{ID: "ana-ruiz", Name: "Ana Ruiz", Type: facts.Person},
			{ID: "high-court", Name: "High Court", Type: facts.Organization},
		},
		Statements: []facts.Statement{
			{ID: "s1", SpeakerID: "ana-ruiz", Kind: facts.Direct, Text: "We will appeal."},
			{ID: "s2", SpeakerID: "ana-ruiz", Kind: facts.Indirect, Text: "This is not over."},     // a direct quote found as reported speech
			{ID: "s3", Kind: facts.Direct, Text: "The ruling is wrong."},                           // no speaker
			{ID: "s4", SpeakerID: "ana-ruiz", Kind: facts.Indirect, Text: "the contract was void"}, // wrong speaker
			{ID: "s5", SpeakerID: "ana-ruiz", Kind: facts.Direct, Text: "void"},                    // optional: not counted
			{ID: "s6", SpeakerID: "high-court", Kind: facts.Direct, Text: "Costs are awarded."},    // extra direct
			{ID: "s7", Kind: facts.Indirect, Text: "costs were high"},                              // extra indirect
			{ID: "s8", Kind: facts.Indirect, Text: "costs were low"},                               // extra indirect
		},
	}
	r := Article(Case{Name: "a", Gold: g}, x)
	assert.Equal(t, KindCount{
		Statements:  Count{TP: 3, FP: 1},
		Attribution: Count{TP: 2, FN: 1},
	}, r.ByKind.Direct, "a gold quote found counts as direct, whatever kind it was given")
	assert.Equal(t, KindCount{
		Statements:  Count{TP: 1, FP: 2, FN: 1},
		Attribution: Count{FP: 1, FN: 1},
	}, r.ByKind.Indirect)

	// The split adds up to the totals, which it leaves as they were.
	var sum KindCount
	sum.add(r.ByKind.Direct)
	sum.add(r.ByKind.Indirect)
	assert.Equal(t, r.Score[Statements], sum.Statements)
	assert.Equal(t, r.Score[Attribution], sum.Attribution)

	var total ByKind
	total.Add(r.ByKind)
	total.Add(r.ByKind)
	assert.Equal(t, Count{TP: 6, FP: 2}, total.Direct.Statements)
	assert.Nil(t, total.Of("mixed"))

	var b strings.Builder
	ReportByKind(&b, total)
	assert.Contains(t, b.String(), "\ndirect                6     2     0     0.750   1.000  0.857\n")
	assert.Contains(t, b.String(), "\nindirect speaker      0     2     2     0.000   0.000  0.000\n")
}
