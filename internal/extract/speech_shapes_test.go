package extract_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// said is a statement as the tests compare it: kind, speaker id or text, and text.
type said struct {
	kind          facts.StatementKind
	speaker, text string
}

// statementsOf extracts text and returns its statements, each with the speaker's id, or its
// text when it has no entity.
func statementsOf(t *testing.T, text string) []said {
	t.Helper()
	x := mustFacts(t, text)
	var got []said
	for _, s := range x.Statements {
		sp := s.SpeakerID
		if sp == "" {
			sp = s.SpeakerText
		}
		got = append(got, said{s.Kind, sp, s.Text})
	}
	return got
}

// TestSpeechClauseShapes holds the clause shapes of general news that name a speaker or end a
// report: each text gives exactly the statements listed.
func TestSpeechClauseShapes(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []said
	}{
		{"PromiseInfinitive", "Mayor Joanne Whitfield said the trial would make the streets safer and promised to review it after six months.", []said{
			{facts.Indirect, "joanne-whitfield", "the trial would make the streets safer"},
			{facts.Indirect, "joanne-whitfield", "to review it after six months."},
		}},
		{"SaidToIsNoReport", "Anna Berg was said to be angry about the plan.", nil},
		{"AccordingToPronoun", "Jasur Karimov stressed that the canals had been rebuilt. According to him, this has reduced losses by a quarter.", []said{
			{facts.Indirect, "jasur-karimov", "the canals had been rebuilt."},
			{facts.Indirect, "jasur-karimov", "this has reduced losses by a quarter."},
		}},
		{"WarningAfterInvertedAttribution", "Rail workers will strike from Monday, union leaders said on Wednesday, warning that services would be cut.", []said{
			{facts.Indirect, "union leaders", "Rail workers will strike from Monday"},
			{facts.Indirect, "union leaders", "services would be cut."},
		}},
		{"PluralPossessiveInSubject", "The Welsh Surgeons' Forum warned that the delays were leaving patients unable to work.", []said{
			{facts.Indirect, "welsh-surgeons", "the delays were leaving patients unable to work."},
		}},
		{"WithNounSaying", "The firm was fined, with the judge saying the company had ignored warnings. Judge Martin Keane told the court that the fine was fair.", []said{
			{facts.Indirect, "martin-keane", "the company had ignored warnings."},
			{facts.Indirect, "martin-keane", "the fine was fair."},
		}},
		{"SpokeswomanForUnnamed", "The county has moved its accounts, a spokeswoman for the county executive said.", []said{
			{facts.Indirect, "a spokeswoman for the county executive", "The county has moved its accounts"},
		}},
		{"SecondVerbEndsReport", "Judge Thomas Whitcomb told the jury the trial would last three weeks, and reminded jurors not to read the news.", []said{
			{facts.Indirect, "thomas-whitcomb", "the trial would last three weeks"},
		}},
		{"CalledQuoted", "Dr. Robert Klein, a surgeon in Albuquerque who was not involved in the research, called the results “encouraging” and said surgeons operate too often.", []said{
			{facts.Direct, "robert-klein", "encouraging"},
			{facts.Indirect, "robert-klein", "surgeons operate too often."},
		}},
		{"CalledByWriter", "Reza Kamali condemned what he called the “militarization of the Gulf”.", nil},
		{"GroupPhraseOpensClause", "Representatives of the business community noted that labour remains the biggest challenge.", []said{
			{facts.Indirect, "Representatives of the business community", "labour remains the biggest challenge."},
		}},
		{"RoleGroupWithModifier", "The race stewards said in a statement that they had reprimanded Kingston; the team did not appeal.", []said{
			{facts.Indirect, "The race stewards", "they had reprimanded Kingston"},
		}},
		{"VerbAfterArticleIsNoun", "Foreign Minister Luisa Carvajal dismissed the reports as propaganda.", nil},
		{"SecondVerbAfterInvertedAttribution", "The drills were delayed, said Anna Berg, and she warned that costs would rise.", []said{
			{facts.Indirect, "anna-berg", "The drills were delayed"},
			{facts.Indirect, "anna-berg", "costs would rise."},
		}},
		{"WriterAdverb", "Meanwhile, Chile has asked to take part next year, Anna Berg said.", []said{
			{facts.Indirect, "anna-berg", "Chile has asked to take part next year"},
		}},
		{"DeterminedPlainSubject", "The new owners have promised to clear the club's debts within a year.", []said{
			{facts.Indirect, "The new owners", "to clear the club's debts within a year."},
		}},
		{"IndefiniteSubjectIsNoSpeaker", "A former harbor master accused of taking bribes was sentenced.", nil},
		{"PublicBody", "The county government said it had resettled 340 families.", []said{
			{facts.Indirect, "The county government", "it had resettled 340 families."},
		}},
		{"FinalAttributionTakesAll", "A patrol boat warned the ship by radio to leave the area, and it departed hours later, the Japan Coast Guard said.", []said{
			{facts.Indirect, "japanese-coast-guard", "A patrol boat warned the ship by radio to leave the area, and it departed hours later"},
		}},
		{"ToldAnOutlet", "France provided aircraft for surveillance, Anna Berg told Coastline News.", []said{
			{facts.Indirect, "anna-berg", "France provided aircraft for surveillance"},
		}},
		{"AskedWhether", "Opposition lawmaker Eleni Papadaki asked in parliament whether the exercise was meant as a message.", []said{
			{facts.Indirect, "eleni-papadaki", "the exercise was meant as a message."},
		}},
		{"SoCalledIsNoSpeech", "Officials met at the so-called “green house” on Friday.", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, statementsOf(t, c.text))
		})
	}
}

// TestSpeakersFromStatementsBefore holds the speakers only the statements before tell: a
// role no one holds as a title, and a pronoun that opens the sentence after a statement.
func TestSpeakersFromStatementsBefore(t *testing.T) {
	got := statementsOf(t, "Jasur Karimov said the canals had been rebuilt.\n“Every drop of water saved counts,” the minister emphasized.")
	require.Len(t, got, 2)
	assert.Equal(t, "jasur-karimov", got[1].speaker)
	got = statementsOf(t, "Cian Brody, who joined Martin Egan's side in July, said he had not expected to play. He promised to repay the coach's faith.")
	require.Len(t, got, 2)
	assert.Equal(t, said{facts.Indirect, "cian-brody", "to repay the coach's faith."}, got[1])
}
