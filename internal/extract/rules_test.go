package extract_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// mustFacts extracts text published on 2024-08-21, a Wednesday.
func mustFacts(t *testing.T, text string) facts.Extraction {
	t.Helper()
	pub := facts.Date{Year: 2024, Month: 8, Day: 21}
	x, err := extract.Facts(text, facts.ArticleMeta{PublishedAt: &pub}, gazetteer.Default())
	require.NoError(t, err)
	return x
}

// entityNamed returns the entity whose name or alias is name.
func entityNamed(x facts.Extraction, name string) (facts.Entity, bool) {
	for _, e := range x.Entities {
		if e.Name == name {
			return e, true
		}
		for _, a := range e.Aliases {
			if a == name {
				return e, true
			}
		}
	}
	return facts.Entity{}, false
}

func TestEntityRules(t *testing.T) {
	for _, c := range []struct {
		name, text, surface, id string
		typ                     facts.EntityType
	}{
		{"Possessive", "China’s navy sailed.", "China", "china", facts.Country},
		{"Demonym", "Chinese troops arrived.", "Chinese", "china", facts.Country},
		{"CapitalAsActor", "Beijing said it would respond.", "Beijing", "china", facts.Country},
		{"CapitalAsPlace", "Talks were held in Tehran.", "Tehran", "tehran", facts.Location},
		{"ShortForm", "The U.S. sent ships.", "U.S.", "united-states", facts.Country},
		{"Region", "Allies in Latin America agreed.", "Latin America", "latin-america", facts.Location},
		{"CityOfTwoWords", "Delegates gathered in São Paulo for the talks.", "São Paulo", "são-paulo", facts.Location},
		{"CityBeforeItsCountry", "Darwin, Australia, will host the drills.", "Darwin", "darwin", facts.Location},
		{"KnownOrganization", "The UN condemned the attack.", "UN", "united-nations", facts.Organization},
		{"OrganizationWithCountry", "Russia’s Defence Ministry said the drills began.", "Russia’s Defence Ministry", "russian-ministry-of-defense", facts.Organization},
		{"OrganizationOfForm", "The Ministry of Defence of the Russian Federation said so.", "Ministry of Defence of the Russian Federation", "russian-ministry-of-defense", facts.Organization},
		{"LowerCaseHead", "Nigeria’s navy will lead the patrols.", "Nigeria’s navy", "nigerian-navy", facts.Organization},
		{"HeadWord", "The Eastern Military District said it was ready.", "Eastern Military District", "eastern-military-district", facts.Organization},
		{"Acronym", "The Inter-Services Public Relations (ISPR) said the jets landed. ISPR gave no details.", "ISPR", "inter-services-public-relations", facts.Organization},
		{"HyphenatedDemonym", "A German-led brigade will join.", "German", "germany", facts.Country},
		{"PersonByTitle", "Defence Minister Anna Berg arrived.", "Anna Berg", "anna-berg", facts.Person},
		{"PersonBySpeechVerb", "Jonas Lindqvist said the talks failed.", "Jonas Lindqvist", "jonas-lindqvist", facts.Person},
		{"PersonWithParticle", "Saudi Gen. Faris al-Otaibi said so.", "Faris al-Otaibi", "faris-al-otaibi", facts.Person},
		{"Surname", "Defence Minister Anna Berg arrived. Berg said little.", "Berg", "anna-berg", facts.Person},
		{"MiddleInitial", "Capt. Ivo K. Rand said the ships were ready.", "Ivo K. Rand", "ivo-k-rand", facts.Person},
		{"HyphenatedRank", "Major-General Lena Ostby arrived.", "Lena Ostby", "lena-ostby", facts.Person},
		{"PlaceByHead", "Jets landed at Kestrel Air Base.", "Kestrel Air Base", "kestrel-air-base", facts.Location},
		{"PlaceHeadFirst", "Marines trained at Camp Halvor.", "Camp Halvor", "camp-halvor", facts.Location},
		{"SeaOfCountry", "Ships sailed into the Sea of Japan.", "Sea of Japan", "sea-of-japan", facts.Location},
		{"PlaceAfterPreposition", "Troops massed near Orvik on Monday.", "Orvik", "orvik", facts.Location},
		{"NewsOutlet", "She told the Harbor Courier the talks failed.", "Harbor Courier", "harbor-courier", facts.Organization},
		{"DatelinePlace", "KESTRELTON, May 2 (Tern Wire) - The navy sailed.", "KESTRELTON", "kestrelton", facts.Location},
		{"DatelineAgency", "KESTRELTON, May 2 (Tern Wire) - The navy sailed.", "Tern Wire", "tern-wire", facts.Organization},
		{"SourceLine", "Source: Tern Wire\nThe navy sailed.", "Tern Wire", "tern-wire", facts.Organization},
		{"UnitNumber", "The 7th Littoral Signals Battalion landed.", "7th Littoral Signals Battalion", "7th-littoral-signals-battalion", facts.Organization},
		{"RegionThenHead", "The Pacific Fleet sailed.", "Pacific Fleet", "pacific-fleet", facts.Organization},
		{"CapitalAsTarget", "The drills were a message to Beijing.", "Beijing", "china", facts.Country},
		{"Event", "He spoke at the opening ceremony of “Army-2022”.", "Army-2022", "army-2022", facts.Event},
		{"StateBeforeCountryWord", "Jets flew from bases in Western Australia.", "Western Australia", "western-australia", facts.Location},
		{"StateAfterPreposition", "Troops landed in Queensland on Monday.", "Queensland", "queensland", facts.Location},
		{"Territory", "Bombers returned to Guam on Monday.", "Guam", "guam", facts.Location},
		{"DatelineSecondPlace", "KESTREL BAY, Queensland, May 2 (Tern Wire) - The navy sailed.", "Queensland", "queensland", facts.Location},
		{"CityAfterFrom", "The regiment fired missiles from Darwin.", "Darwin", "darwin", facts.Location},
		{"CityListedWithPlace", "Troops trained at Camp Halvor, Townsville and the Northern Territory.", "Townsville", "townsville", facts.Location},
		{"PlaceHeadsChained", "Marines landed at the Kestrel Bay Training Area.", "Kestrel Bay Training Area", "kestrel-bay-training-area", facts.Location},
		{"KnownOrganizationLonger", "The United Nations Command (UNC) said the drills began.", "United Nations Command", "united-nations-command", facts.Organization},
		{"HeadsApart", "The Royal Thai Army Signal Department said so.", "Royal Thai Army Signal Department", "royal-thai-army-signal-department", facts.Organization},
		{"CountryInsideOrganization", "The Royal Malaysian Navy will sail.", "Malaysian", "malaysia", facts.Country},
		{"SurnameThatIsATitle", "Air Chief Marshal Nadeem A. Sheikh will attend.", "Nadeem A. Sheikh", "nadeem-a-sheikh", facts.Person},
		{"OutletWithArticle", "Brandt told the Kieler Tageblatt.", "Kieler Tageblatt", "kieler-tageblatt", facts.Organization},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := mustFacts(t, c.text)
			e, ok := entityNamed(x, c.surface)
			require.True(t, ok, "no entity named %q in %+v", c.surface, x.Entities)
			assert.Equal(t, c.id, e.ID)
			assert.Equal(t, c.typ, e.Type)
		})
	}
}

func TestOneEntityPerThing(t *testing.T) {
	x := mustFacts(t, "China’s Defense Ministry said on Monday the drills would go ahead. "+
		"The Chinese Ministry of Defense gave no date. The defense ministry said later it would.")
	e, ok := entityNamed(x, "China’s Defense Ministry")
	require.True(t, ok)
	assert.Equal(t, "chinese-ministry-of-defense", e.ID)
	assert.Equal(t, "Chinese Ministry of Defense", e.Name)
	assert.Contains(t, e.Aliases, "China’s Defense Ministry")
	assert.Contains(t, e.Aliases, "defense ministry")
	assert.Len(t, e.Mentions, 3)
	china, ok := entityNamed(x, "China")
	require.True(t, ok, "the country inside the ministry's name is mentioned too")
	assert.Equal(t, "china", china.ID)
}

func TestPersonTitles(t *testing.T) {
	for _, c := range []struct {
		name, text, person, title, affiliation string
	}{
		{"Before", "US Secretary of State Antony Blinken met him.", "Antony Blinken", "US Secretary of State", "united-states"},
		{"Chained", "Indonesian Army Chief of Staff Gen. Rudi Santoso said so.", "Rudi Santoso", "Indonesian Army Chief of Staff Gen.", "indonesia"},
		{"Apposition", "Kaja Kallas, the EU’s foreign policy chief, said talks would resume.", "Kaja Kallas", "EU’s foreign policy chief", ""},
		{"AppositionWithCountry", "Desmond Hale, Australia’s deputy prime minister, said so.", "Desmond Hale", "Australia’s deputy prime minister", "australia"},
		{"BeforeBetweenCommas", "Visitors included Egypt's military production minister, Mahmoud Fawzy, who spoke.", "Mahmoud Fawzy", "Egypt's military production minister", "egypt"},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := mustFacts(t, c.text)
			e, ok := entityNamed(x, c.person)
			require.True(t, ok, "no person %q in %+v", c.person, x.Entities)
			assert.Equal(t, facts.Person, e.Type)
			assert.Equal(t, c.title, e.Title)
			assert.Equal(t, c.affiliation, e.AffiliationID)
		})
	}
}

func TestStatementRules(t *testing.T) {
	for _, c := range []struct {
		name, text      string
		kind            facts.StatementKind
		speaker, said   string // speaker id ("" for none) and statement text
		verb, speakerAs string
	}{
		{"QuoteThenSpeaker", "“We are ready,” Anna Berg said.", facts.Direct, "anna-berg", "We are ready", "said", "Anna Berg"},
		{"QuoteThenVerb", "“We are ready,” said Anna Berg.", facts.Direct, "anna-berg", "We are ready", "said", "Anna Berg"},
		{"BackshiftedSecondVerb", "The talks ended. Anna Berg told reporters that she had met the envoy and had urged him to stay.", facts.Indirect, "anna-berg", "she had met the envoy and had urged him to stay.", "told", "Anna Berg"},
		{"ArticleApposition", "The drills began. Anna Berg, the operations officer, said the ships were late.", facts.Indirect, "anna-berg", "the ships were late.", "said", "Anna Berg, the operations officer"},
		{"AppositionWithCommaName", "The drills began. Anna Berg, the commander of 3rd Battalion, 7th Marines, said the ships were late.", facts.Indirect, "anna-berg", "the ships were late.", "said", "Anna Berg, the commander of 3rd Battalion, 7th Marines"},
		{"SpeakerThenQuote", "Anna Berg said: “We are ready.”", facts.Direct, "anna-berg", "We are ready.", "said", "Anna Berg"},
		{"Guillemets", "«Nous sommes prêts», Anna Berg said.", facts.Direct, "anna-berg", "Nous sommes prêts", "said", "Anna Berg"},
		{"StraightQuotes", `"We are ready," the ministry said.`, facts.Direct, "", "We are ready", "said", "the ministry"},
		{"MissingOpeningMark", "We are ready and we will stay,” Anna Berg said.", facts.Direct, "anna-berg", "We are ready and we will stay", "said", "Anna Berg"},
		{"ReportedThenSpeaker", "Troops will arrive next week, Anna Berg said.", facts.Indirect, "anna-berg", "Troops will arrive next week", "said", "Anna Berg"},
		{"SpeakerThenThat", "Anna Berg said that troops will arrive.", facts.Indirect, "anna-berg", "troops will arrive.", "said", "Anna Berg"},
		{"HasSaid", "Anna Berg has said that troops will arrive.", facts.Indirect, "anna-berg", "troops will arrive.", "has said", "Anna Berg"},
		{"ToldReporters", "Anna Berg told reporters that troops will arrive.", facts.Indirect, "anna-berg", "troops will arrive.", "told", "Anna Berg"},
		{"AccordingToAtEnd", "Troops will arrive, according to the Kremlin.", facts.Indirect, "kremlin", "Troops will arrive", "according to", "the Kremlin"},
		{"AccordingToAtStart", "According to the Kremlin, troops will arrive.", facts.Indirect, "kremlin", "troops will arrive.", "according to", "the Kremlin"},
		{"Headline", "Berg says Norway will send troops: the minister spoke in Oslo.", facts.Indirect, "", "Norway will send troops", "says", "Berg"},
		{"Group", "US officials say the ships left port.", facts.Indirect, "united-states", "the ships left port.", "say", "US officials"},
		{"Pronoun", "Anna Berg arrived on Monday. The talks went well, she said.", facts.Indirect, "anna-berg", "The talks went well", "said", "she"},
		{"Saying", "Anna Berg opened the base, saying it would host 500 troops.", facts.Indirect, "anna-berg", "it would host 500 troops.", "saying", "Anna Berg"},
		{"DayBeforeVerb", "The Pentagon on Wednesday announced that 4,000 Marines will deploy.", facts.Indirect, "pentagon", "4,000 Marines will deploy.", "announced", "The Pentagon"},
		{"Apposition", "Desmond Hale, Australia’s deputy prime minister, said on Tuesday that troops will arrive.", facts.Indirect, "desmond-hale", "troops will arrive.", "said", "Desmond Hale, Australia’s deputy prime minister"},
		{"PossessiveHead", "The People's Liberation Army's Eastern Theater Command said the drills ended.", facts.Indirect, "eastern-theater-command", "the drills ended.", "said", "The People's Liberation Army's Eastern Theater Command"},
		{"QuotedAsSaying", "Anna Berg arrived. State media quoted her as saying: “We are ready.”", facts.Direct, "anna-berg", "We are ready.", "saying", "her"},
		{"DoubledApostrophes", "''We are ready,'' Anna Berg said.", facts.Direct, "anna-berg", "We are ready", "said", "Anna Berg"},
		{"SingleQuotes", "'We are ready,' said Anna Berg.", facts.Direct, "anna-berg", "We are ready", "said", "Anna Berg"},
		{"UnclosedSecondQuote", "“We are ready,” said Anna Berg. “We have trained for years.", facts.Direct, "anna-berg", "We have trained for years.", "said", "Anna Berg"},
		{"SecondVerb", "Anna Berg said the troops were ready and urged Norway to send more.", facts.Indirect, "anna-berg", "Norway to send more.", "urged", "Anna Berg"},
		{"SecondVerbFirstPart", "Anna Berg said the troops were ready and urged Norway to send more.", facts.Indirect, "anna-berg", "the troops were ready", "said", "Anna Berg"},
		{"RelativeSpeaker", "The Tern Council, whose officials said privately that both sides were warned, said it would send an envoy.", facts.Indirect, "tern-council", "both sides were warned", "said", "officials"},
		{"RelativeSpeakerMain", "The Tern Council, whose officials said privately that both sides were warned, said it would send an envoy.", facts.Indirect, "tern-council", "it would send an envoy.", "said", "Tern Council"},
		{"WhichRelative", "The Tern Ministry, which has repeatedly accused Orvia of stalling, said the talks failed and warned that troops would stay.", facts.Indirect, "ministry-of-tern", "Orvia of stalling", "has repeatedly accused", "Tern Ministry"},
		{"WhichRelativeMain", "The Tern Ministry, which has repeatedly accused Orvia of stalling, said the talks failed and warned that troops would stay.", facts.Indirect, "ministry-of-tern", "the talks failed", "said", "Tern Ministry"},
		{"WhichRelativeSecondVerb", "The Tern Ministry, which has repeatedly accused Orvia of stalling, said the talks failed and warned that troops would stay.", facts.Indirect, "ministry-of-tern", "troops would stay.", "warned", "Tern Ministry"},
		{"WhoseThenOtherVerb", "The Tern Council, whose secretary-general has called for a joint network, welcomed the deal.", facts.Indirect, "tern-council", "a joint network", "has called for", "secretary-general"},
		{"QuotedNPAsSaying", "State media quoted Defence Minister Ivo Rand as saying the troops were ready.", facts.Indirect, "ivo-rand", "the troops were ready.", "quoted as saying", "Defence Minister Ivo Rand"},
		{"WasQuotedAsSayingBy", "Admiral Ivo Rand was quoted as saying by the fleet newspaper that the crews will train.", facts.Indirect, "ivo-rand", "the crews will train.", "quoted as saying", "Admiral Ivo Rand"},
		{"RoleThenNameApposition", "The commander of the contingent, Lt. Col. Ana Ruiz, said that the drills went well.", facts.Indirect, "ana-ruiz", "the drills went well.", "said", "Lt. Col. Ana Ruiz"},
		{"DoubledApostrophesThenDash", "Defence Minister Ana Ruiz spoke.\n''We will stand by our allies.'' — Ana Ruiz", facts.Direct, "ana-ruiz", "We will stand by our allies.", "—", "Ana Ruiz"},
		{"BareWeekday", "South Korea will begin drills next week, officials in Seoul announced Tuesday.", facts.Indirect, "south-korea", "South Korea will begin drills next week", "announced", "officials in Seoul"},
		{"SemicolonEndsClause", "The radar link would be ready next year, the Kremlin said; it gave no cost.", facts.Indirect, "kremlin", "The radar link would be ready next year", "said", "the Kremlin"},
		{"ClaimsThat", "Beijing claimed that the drills were illegal.", facts.Indirect, "china", "the drills were illegal.", "claimed", "Beijing"},
		{"TranscriptLabel", "Col. Ivo K. Rand briefed reporters.\nCOL. RAND: The ships are ready to sail.", facts.Direct, "ivo-k-rand", "The ships are ready to sail.", ":", "COL. RAND"},
		{"TranscriptHost", "HOST (ANNA BERG): Why so many troops?", facts.Direct, "anna-berg", "Why so many troops?", ":", "HOST (ANNA BERG)"},
		{"SpeakerAfterDash", "Defence Minister Anna Berg spoke.\n“We are not training against anyone.” ― Anna Berg", facts.Direct, "anna-berg", "We are not training against anyone.", "―", "Anna Berg"},
		{"MiddleInitialSpeaker", "Troops will arrive, said Col. Ivo K. Rand.", facts.Indirect, "ivo-k-rand", "Troops will arrive", "said", "Col. Ivo K. Rand"},
		{"QuoteInsideReportThenNewReport", "Minister Ana Ruiz said the armies had “the same enemy,” while Ivo Rand warned that talks should follow.", facts.Indirect, "ana-ruiz", "the armies had “the same enemy,”", "said", "Minister Ana Ruiz"},
		{"ReportCarriedBySource", "Ana Ruiz urged both sides to keep talking, according to a statement.", facts.Indirect, "ana-ruiz", "both sides to keep talking", "urged", "Ana Ruiz"},
		{"PossessiveRelativeBeforeVerb", "Uruguay, whose ports the fleet uses, urged both sides to keep talking.", facts.Indirect, "uruguay", "both sides to keep talking.", "urged", "Uruguay, whose ports the fleet uses"},
		{"ReportEndsBeforeNewReport", "Ana Ruiz said the port would reopen, and the dockers' union accused her of delay.", facts.Indirect, "ana-ruiz", "the port would reopen", "said", "Ana Ruiz"},
		{"ReportEndsAfterQuoteBeforeAnd", "Ana Ruiz wrote that the loss was “painful but manageable,” and Norwell shares fell.", facts.Indirect, "ana-ruiz", "the loss was “painful but manageable,”", "wrote", "Ana Ruiz"},
		{"VerbThenRoleThenName", "“We act first,” said the company's chief executive, Anne Kessler, in an interview.", facts.Direct, "anne-kessler", "We act first", "said", "the company's chief executive, Anne Kessler"},
		{"PluralPossessiveInOrganization", "The Reserve Forces' Association has warned that pay delays hurt.", facts.Indirect, "reserve-forces-association", "pay delays hurt.", "has warned", "The Reserve Forces' Association"},
		{"JudgeTitle", "U.S. District Judge Harriet Lowell told both sides to be ready.", facts.Indirect, "harriet-lowell", "both sides to be ready.", "told", "U.S. District Judge Harriet Lowell"},
		{"PronounOfSecondReport", "Prosecutor Ana Ruiz told the jury that Ivo Rand had lied, and she accused him of fraud.", facts.Indirect, "ana-ruiz", "him of fraud.", "accused", "she"},
		{"RelativeClauseAdverbialBeforeThat", "The Vietnamese Ministry of Foreign Affairs, whose officials have said for years that the sea must stay open, said it welcomed the deal.", facts.Indirect, "", "the sea must stay open", "have said", "officials"},
		{"TheCompanySaid", "Acme Lines denied wrongdoing. In a statement, the company said it had cooperated.", facts.Indirect, "acme-lines", "it had cooperated.", "said", "the company"},
		{"AdverbialBeforeThat", "Ana Ruiz told reporters outside court that he could not work.", facts.Indirect, "ana-ruiz", "he could not work.", "told", "Ana Ruiz"},
		{"TimePossessiveStartsClause", "Ana Ruiz said this year's edition had drawn a record crowd.", facts.Indirect, "ana-ruiz", "this year's edition had drawn a record crowd.", "said", "Ana Ruiz"},
		{"SecondSubjectAfterAnd", "Ana Ruiz said the law would help, and opposition leader Ivo Rand accused her of haste.", facts.Indirect, "ana-ruiz", "the law would help", "said", "Ana Ruiz"},
		{"WasQuotedAsSayingByAfterApposition", "Ramirez's coach, Diego Fuentes, was quoted as saying by a paper that his player was fit.", facts.Indirect, "diego-fuentes", "his player was fit.", "quoted as saying", "Ramirez's coach, Diego Fuentes"},
		{"QuoteAfterReport", "Rina Saputri, a nurse, said the ward was full. “We are treating people in the car park.”", facts.Direct, "rina-saputri", "We are treating people in the car park.", "said", "Rina Saputri, a nurse"},
		{"UnclosedQuoteAfterReport", "Rina Saputri, a nurse, said the ward was full. “We need more doctors", facts.Direct, "rina-saputri", "We need more doctors", "said", "Rina Saputri, a nurse"},
		{"TitleWordInsideOrganization", "The General Statistics Department said exports rose.", facts.Indirect, "general-statistics-department", "exports rose.", "said", "The General Statistics Department"},
		{"OrganizationApposition", "The organisers, the Punjab Cricket Board (PCB), announced that tickets had sold out.", facts.Indirect, "punjab-cricket-board", "tickets had sold out.", "announced", "the Punjab Cricket Board (PCB)"},
		{"PersonOfOrganization", "Economist Lucy Achieng of the Horn Policy Institute said prices would rise.", facts.Indirect, "lucy-achieng", "prices would rise.", "said", "Economist Lucy Achieng of the Horn Policy Institute"},
		{"PluralPossessiveBeforeHead", "The Nairobi Transport Operators' Union said fares would rise.", facts.Indirect, "nairobi-transport-operators-union", "fares would rise.", "said", "The Nairobi Transport Operators' Union"},
		{"CapitalAsSurname", "Reece Hamilton took pole. Hamilton said he was ready.", facts.Indirect, "reece-hamilton", "he was ready.", "said", "Hamilton"},
		{"QuoteThenContinued", "Ivo Rand spoke after the match.\n“Nothing else matters now,” he continued.", facts.Direct, "ivo-rand", "Nothing else matters now", "continued", "he"},
		{"InStatementNoThat", "The Tern Health Board met on Monday. The board said in a statement it was recruiting 40 more nurses.", facts.Indirect, "tern-health-board", "it was recruiting 40 more nurses.", "said", "The board"},
		{"OwnersWelcomedButSaid", "The new owners welcomed the deal but said the stadium would stay.", facts.Indirect, "", "the stadium would stay.", "said", "The new owners"},
		{"StatementRead", "Acme Lines cut 300 jobs.\n“The market has changed,” the statement read.", facts.Direct, "", "The market has changed", "read", "the statement"},
		{"RelativeVerbBeforeAttribution", "Acme Lines cut 300 jobs.\n“Nobody saw this coming,” one worker, who asked not to be named, told the Tern Post.", facts.Direct, "", "Nobody saw this coming", "told", "one worker, who asked not to be named"},
		{"WeekdayThenStatementThat", "Ana Ruiz said Tuesday in a statement that the plant would close.", facts.Indirect, "ana-ruiz", "the plant would close.", "said", "Ana Ruiz"},
		{"AllegePlural", "Prosecutors allege that the company hid losses from investors.", facts.Indirect, "", "the company hid losses from investors.", "allege", "Prosecutors"},
		{"UnnamedMinistry", "The virus has spread to six provinces, the health ministry said on Sunday.", facts.Indirect, "", "The virus has spread to six provinces", "said", "the health ministry"},
		{"DocumentParticiple", "Rescuers were still searching on Tuesday, the Tern Red Cross said in a statement posted on its website.", facts.Indirect, "tern-red-cross", "Rescuers were still searching on Tuesday", "said", "the Tern Red Cross"},
		{"GroupWarnedTo", "Authorities warned residents to boil water.", facts.Indirect, "", "residents to boil water.", "warned", "Authorities"},
		{"ListenerColleagues", "Ana Ruiz told colleagues she would quit.", facts.Indirect, "ana-ruiz", "she would quit.", "told", "Ana Ruiz"},
		{"ListenerKeptBeforeTo", "Ana Ruiz urged residents to stay off the roads.", facts.Indirect, "ana-ruiz", "residents to stay off the roads.", "urged", "Ana Ruiz"},
		{"InvertedToldParents", "The school will reopen on Monday, the head teacher, Tom Bell, told parents in a letter.", facts.Indirect, "tom-bell", "The school will reopen on Monday", "told", "the head teacher, Tom Bell"},
		{"BodySpokesman", "Acme Lines cut fares. Police are investigating, a police spokesman said.", facts.Indirect, "", "Police are investigating", "said", "a police spokesman"},
		{"LowHighQuotes", "„We will not give up,“ Ana Ruiz said.", facts.Direct, "ana-ruiz", "We will not give up", "said", "Ana Ruiz"},
		{"OrganizationNounSpeaker", "Tern Motors Ltd cut 400 jobs on Monday. The group said demand had collapsed.", facts.Indirect, "tern-motors", "demand had collapsed.", "said", "The group"},
		{"OrganizationNounWithRelative", "Tern Motors Ltd cut 400 jobs. The carmaker, which employs 9,000 people in Wales, said it would review its plans.", facts.Indirect, "tern-motors", "it would review its plans.", "said", "The carmaker"},
		{"ColonEndsParagraphBeforeQuote", "Coach Ivo Rand was pleased. He said:\n“I am proud of every player. Nobody expected this.”", facts.Direct, "ivo-rand", "I am proud of every player. Nobody expected this.", "said", "He"},
		{"MadeClear", "Ana Ruiz made clear that the plan would fail.", facts.Indirect, "ana-ruiz", "the plan would fail.", "made clear", "Ana Ruiz"},
		{"Contended", "Ana Ruiz contended that the plan would fail.", facts.Indirect, "ana-ruiz", "the plan would fail.", "contended", "Ana Ruiz"},
		{"QuoteThenAccordingTo", "Ana Ruiz won the final.\n“She was simply better,” according to her coach, Ivo Rand.", facts.Direct, "ivo-rand", "She was simply better", "according to", "her coach, Ivo Rand"},
		{"AgeAsRole", "Ana Ruiz said she was tired after the final.\n“It was the hardest match of my life,” the 34-year-old said.", facts.Direct, "ana-ruiz", "It was the hardest match of my life", "said", "the 34-year-old"},
		{"GroupBeforeAgent", "Passengers interviewed by the Tern Gazette said they supported the strike.", facts.Indirect, "", "they supported the strike.", "said", "Passengers"},
		{"PositionNounEndsReport", "Ivo Rand told parliament that the state would not intervene, a position the opposition called weak.", facts.Indirect, "ivo-rand", "the state would not intervene", "told", "Ivo Rand"},
		{"BeliefVerbGoesOn", "Ana Ruiz said she understood the anger but believed the new road would help.", facts.Indirect, "ana-ruiz", "she understood the anger but believed the new road would help.", "said", "Ana Ruiz"},
		{"RoleNamedNextSentence", "Tern will hold drills this month, the spokesman for the exercise said.\nRear Admiral Ivo Rand told reporters that the drills would begin on May 2.", facts.Indirect, "ivo-rand", "Tern will hold drills this month", "said", "the spokesman for the exercise"},
		{"PresentRelativeAfterBackshift", "Ana Ruiz said pupils would be kept home for 21 days, which is the longest incubation period.", facts.Indirect, "ana-ruiz", "pupils would be kept home for 21 days", "said", "Ana Ruiz"},
		{"PresentRelativeAfterPresentReport", "Ana Ruiz says pupils stay home for 21 days, which is the longest incubation period.", facts.Indirect, "ana-ruiz", "pupils stay home for 21 days, which is the longest incubation period.", "says", "Ana Ruiz"},
		{"ReportInsideWhenClause", "Ana Ruiz said the thefts came to light in 2023, when the niece of one client, Margaret Oldroyd, asked why the house had been sold.", facts.Indirect, "ana-ruiz", "the thefts came to light in 2023, when the niece of one client, Margaret Oldroyd, asked why the house had been sold.", "said", "Ana Ruiz"},
		{"ReportAfterAlthoughIsOwn", "Ana Ruiz said the port would reopen, although the dockers' union says it will strike.", facts.Indirect, "ana-ruiz", "the port would reopen", "said", "Ana Ruiz"},
		{"MuseumIsInstitution", "The Tern Museum of Art bought the painting. The painting will be shown in March, the museum said.", facts.Indirect, "tern-museum", "The painting will be shown in March", "said", "the museum"},
		{"BodyThenButSaid", "The Tern Museum of Art bought the painting. The museum did not disclose the price, but said donors had paid for it.", facts.Indirect, "tern-museum", "donors had paid for it.", "said", "The museum"},
		{"PoliceButSaid", "Police declined to name the man but said he was 34.", facts.Indirect, "", "he was 34.", "said", "Police"},
		{"GroupAfterIntroPhrase", "Writing in the journal, the authors say the meadows store carbon.", facts.Indirect, "", "the meadows store carbon.", "say", "the authors"},
		{"RelativeClauseSecondVerb", "Ivo Rand later met Deputy Minister Ana Ruiz, who welcomed the deal and asked both ministries to work closely.", facts.Indirect, "ana-ruiz", "both ministries to work closely.", "asked", "Ana Ruiz"},
		{"MainVerbAfterClosedRelative", "Ana Ruiz met Ivo Rand, who arrived on Monday, and asked him to stay.", facts.Indirect, "ana-ruiz", "him to stay.", "asked", "Ana Ruiz"},
		{"DemonymAsPerson", "Kenya's Daniel Kiptanui won the race. The Kenyan said he would rest for a month.", facts.Indirect, "daniel-kiptanui", "he would rest for a month.", "said", "The Kenyan"},
		{"DemonymAsPersonAfterOther", "Daniel Kiptanui won. Haruto Ishikawa of Japan was second. The Japanese told reporters he was proud.", facts.Indirect, "haruto-ishikawa", "he was proud.", "told", "The Japanese"},
		{"PronounAfterTwoSentenceQuote", "Daniel Kiptanui won. Haruto Ishikawa told reporters he had followed Kiptanui.\n“We waited a long time. I hope it helps,” he said.", facts.Direct, "haruto-ishikawa", "We waited a long time. I hope it helps", "said", "he"},
		{"AndThatGoesOn", "Ana Ruiz told the radio that six villages had been cleared, and that no injuries had been reported.", facts.Indirect, "ana-ruiz", "six villages had been cleared, and that no injuries had been reported.", "told", "Ana Ruiz"},
		{"RebuttalNounEndsReport", "Ana Ruiz complained that the planes had come too late, a charge the fire service rejected.", facts.Indirect, "ana-ruiz", "the planes had come too late", "complained", "Ana Ruiz"},
		{"ActAfterModalClause", "Ana Ruiz warned that rivers would rise through the weekend and issued an alert for the coast.", facts.Indirect, "ana-ruiz", "rivers would rise through the weekend", "warned", "Ana Ruiz"},
		{"BackshiftedInfinitiveAfterModal", "Ana Ruiz said the firm would build a plant and expected to hire 600 people.", facts.Indirect, "ana-ruiz", "the firm would build a plant and expected to hire 600 people.", "said", "Ana Ruiz"},
		{"PluralListenerWithoutThat", "Ana Ruiz told councilors the income had paid her bills.", facts.Indirect, "ana-ruiz", "the income had paid her bills.", "told", "Ana Ruiz"},
		{"ReportRunsOnPastColon", "Ana Ruiz said the race had been the hardest of her career: her calves cramped twice.", facts.Indirect, "ana-ruiz", "the race had been the hardest of her career: her calves cramped twice.", "said", "Ana Ruiz"},
		{"RelativeWithOwnSubjectIsBackground", "Ana Ruiz said the plant would close, which the company first announced in May.", facts.Indirect, "ana-ruiz", "the plant would close", "said", "Ana Ruiz"},
		{"SubjectRelativeStaysInReport", "Ana Ruiz said the plant would close, which would cost 300 jobs.", facts.Indirect, "ana-ruiz", "the plant would close, which would cost 300 jobs.", "said", "Ana Ruiz"},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := mustFacts(t, c.text)
			var found *facts.Statement
			for i, s := range x.Statements {
				if s.Text == c.said {
					found = &x.Statements[i]
				}
			}
			require.NotNil(t, found, "no statement %q in %+v", c.said, x.Statements)
			assert.Equal(t, c.kind, found.Kind)
			if c.speaker != "" {
				assert.Equal(t, c.speaker, found.SpeakerID)
			}
			assert.Equal(t, c.verb, found.Verb)
			assert.Equal(t, c.speakerAs, found.SpeakerText)
		})
	}
}

func TestSplitQuote(t *testing.T) {
	x := mustFacts(t, "“We are ready,” Anna Berg said. “We have trained for years.”")
	require.Len(t, x.Statements, 2)
	for _, s := range x.Statements {
		assert.Equal(t, facts.Direct, s.Kind)
		assert.Equal(t, "anna-berg", s.SpeakerID)
	}
	assert.Equal(t, "We have trained for years.", x.Statements[1].Text)
}

func TestNotStatements(t *testing.T) {
	for _, text := range []string{
		"The two held “candid” talks in July.",
		"Troops joined the “East-2022” exercise.",
		"It was a “no-holds-barred” partnership, the paper wrote nothing.",
		"Transcript: a briefing by the navy on the drills.",
		"Q: Is the navy ready?",
		"The officers' mess and the sailors' club were closed.",
	} {
		x := mustFacts(t, text)
		for _, s := range x.Statements {
			assert.NotEqual(t, facts.Direct, s.Kind, "%q: %+v", text, s)
		}
	}
}

func TestSaidOn(t *testing.T) {
	x := mustFacts(t, "Troops will arrive, the Kremlin said on Monday.")
	require.Len(t, x.Statements, 1)
	require.NotNil(t, x.Statements[0].SaidOn)
	assert.Equal(t, "2024-08-19", x.Statements[0].SaidOn.String(), "the Monday before Wednesday 21 August")

	x = mustFacts(t, "Troops will arrive, the Kremlin said on Wednesday.")
	require.Len(t, x.Statements, 1)
	assert.Equal(t, "2024-08-21", x.Statements[0].SaidOn.String(), "the published day itself")

	unknown, err := extract.Facts("Troops will arrive, the Kremlin said on Monday.", facts.ArticleMeta{}, nil)
	require.NoError(t, err)
	require.Len(t, unknown.Statements, 1)
	assert.Nil(t, unknown.Statements[0].SaidOn, "no published date, no day")
}

func TestExerciseRules(t *testing.T) {
	for _, c := range []struct {
		name, text, exercise, host string
		participants               []string
		start, end                 string
	}{
		{"NameBeforeWord", "Russia will host the Zapad-2025 exercise in mid-September.", "Zapad-2025", "russia", nil, "2025-09-11", "2025-09-20"},
		{"QuotedAndAlias", "China will send troops to Russia for the “East-2022” drills, also known as Vostok-2022, in late August.", "East-2022", "russia", []string{"china"}, "2022-08-21", "2022-08-31"},
		{"Dubbed", "Manila and Tokyo began naval drills dubbed Blue Horizon in the Philippines on August 3.", "Blue Horizon", "philippines", []string{"philippines", "japan"}, "2024-08-03", "2024-08-03"},
		{"HostedBy", "Troops from Ghana and Togo will join the Atlantic Sentry 2024 exercise hosted by Nigeria from Oct. 1 to 10.", "Atlantic Sentry 2024", "nigeria", []string{"ghana", "togo"}, "2024-10-01", "2024-10-10"},
		{"WinterExercise", "Norway will hold its Cold Fjord 2026 winter exercise in northern Norway next month.", "Cold Fjord 2026", "norway", []string{"norway"}, "2024-09-01", "2024-09-30"},
		{"DayRange", "The Talisman Sabre 2023 war games will run from July 14 to July 25 in Australia.", "Talisman Sabre 2023", "australia", nil, "2023-07-14", "2023-07-25"},
		{"AppositiveName", "US Marines will join Australian forces for Talisman Sabre, the biennial war games that begin in Queensland in July.", "Talisman Sabre", "australia", []string{"united-states", "australia"}, "2024-07-01", "2024-07-31"},
		{"WordThenName", "India and the United States began the joint military exercise Yudh Abhyas in Alaska on Monday.", "Yudh Abhyas", "united-states", []string{"india", "united-states"}, "2024-08-19", "2024-08-19"},
		{"TitledAfterCountries", "The joint naval drill of Iran and Russia titled “Gulf Belt 2026” will be held from 12 to 16 March.", "Gulf Belt 2026", "", []string{"iran", "russia"}, "2026-03-12", "2026-03-16"},
		{"QuotedBeforeModifier", "Japan and Australia began the “Southern Crane” air drills on Monday.", "Southern Crane", "", []string{"japan", "australia"}, "2024-08-19", "2024-08-19"},
		{"IsHosting", "Latvia is hosting the Amber Tern 2025 exercise, with ships from Germany and Poland joining.", "Amber Tern 2025", "latvia", []string{"germany", "poland"}, "", ""},
		{"ExerciseWordFirst", "New Zealand will host Exercise Kea Tern, a multinational exercise, in November.", "Kea Tern", "new-zealand", nil, "2024-11-01", "2024-11-30"},
		{"ParticipantsNextSentence", "Peru will host the Condor Tern 2025 exercise in June. Chile and Ecuador will also send troops, along with platoons from Bolivia.", "Condor Tern 2025", "peru", []string{"chile", "ecuador", "bolivia"}, "2025-06-01", "2025-06-30"},
		{"WhereClause", "The Condor Tern 2025 exercise will run in June at Camp Arrow, where troops from Chile and Ecuador will train.", "Condor Tern 2025", "", []string{"chile", "ecuador"}, "2025-06-01", "2025-06-30"},
		{"AlsoSendsLater", "Peru will host the Condor Tern 2025 exercise in June. Talks went well. Officials met. Rain fell. Chile will also send a ship.", "Condor Tern 2025", "peru", []string{"peru", "chile"}, "2025-06-01", "2025-06-30"},
		{"WillHold", "Peru will hold the Condor Tern 2025 exercise with Chile in June.", "Condor Tern 2025", "peru", []string{"peru", "chile"}, "2025-06-01", "2025-06-30"},
		{"TwoHoldNoHost", "Peru and Chile will hold the Condor Tern 2025 exercise in June.", "Condor Tern 2025", "", []string{"peru", "chile"}, "2025-06-01", "2025-06-30"},
		{"CodeNamed", "Chad’s army will hold joint drills code-named Sahel Resolve with troops from Niger in western Chad from March 24 to April 2.", "Sahel Resolve", "chad", []string{"chad", "niger"}, "2024-03-24", "2024-04-02"},
		{"LedHost", "Warships from Ghana sailed for the Nigeria-led “Atlantic Tern” drills on Monday.", "Atlantic Tern", "nigeria", []string{"ghana", "nigeria"}, "2024-08-19", "2024-08-19"},
		{"OrganizationConducts", "The Royal Malaysian Navy (RMN) will conduct Exercise Laut Tern 2024 with the navies of Brunei and Indonesia in September.", "Laut Tern 2024", "malaysia", []string{"malaysia", "brunei", "indonesia"}, "2024-09-01", "2024-09-30"},
		{"OwnersUnitHosts", "The Indian Navy's Eastern Naval Command (ENC) will host the Bay of Kestrel Maritime Exercise (BOKMEX) from Sept. 5 to Sept. 11.", "Bay of Kestrel Maritime Exercise", "india", []string{"india"}, "2024-09-05", "2024-09-11"},
		{"StaffTraining", "Belarus will hold the joint staff training Slavic Tern-2024 with Russia in September.", "Slavic Tern-2024", "belarus", []string{"belarus", "russia"}, "2024-09-01", "2024-09-30"},
		{"ClauseThatTakesPart", "Personnel from Fiji will join the Coral Tern 2024 exercise, while New Zealand and Canada are sending warships.", "Coral Tern 2024", "", []string{"fiji", "new-zealand", "canada"}, "", ""},
		{"FarHostSentence", "The Japan Maritime Self-Defense Force will conduct the Sakura Tern 2024 exercise with the Philippine Navy in November. Ships will sail. Crews will train. Jets will fly. Boats will dock. The exercise is hosted by the Philippine Navy.", "Sakura Tern 2024", "philippines", []string{"japan", "philippines"}, "2024-11-01", "2024-11-30"},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := mustFacts(t, c.text)
			require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
			ex := x.Exercises[0]
			assert.Equal(t, c.exercise, ex.Name)
			assert.Equal(t, facts.Slug(c.exercise), ex.ID)
			assert.Equal(t, c.host, ex.HostID)
			for _, p := range c.participants {
				assert.Contains(t, ex.ParticipantIDs, p)
			}
			if c.start == "" {
				return
			}
			require.NotNil(t, ex.Period)
			assert.Equal(t, c.start, ex.Period.Start.String(), ex.Period.Text)
			assert.Equal(t, c.end, ex.Period.End.String(), ex.Period.Text)
		})
	}
}

func TestTwoExercisesAndEvents(t *testing.T) {
	x := mustFacts(t, "Russia will stage the Zapad-2025 and Vostok-2025 exercises this autumn. "+
		"Putinov opened the Army-2025 forum on Monday. Joint drills are planned.")
	var names []string
	for _, ex := range x.Exercises {
		names = append(names, ex.Name)
	}
	assert.Equal(t, []string{"Zapad-2025", "Vostok-2025"}, names)
	e, ok := entityNamed(x, "Army-2025")
	require.True(t, ok)
	assert.Equal(t, facts.Event, e.Type)
	x = mustFacts(t, "The drills follow the Joint Sword-2024A and Joint Sword-2024B exercises held last year.")
	names = nil
	for _, ex := range x.Exercises {
		names = append(names, ex.Name)
	}
	assert.Equal(t, []string{"Joint Sword-2024A", "Joint Sword-2024B"}, names, "capitalised describing words inside a sentence belong to the name")
}

func TestQuoteAcrossParagraphs(t *testing.T) {
	x := mustFacts(t, "Anna Berg spoke in Oslo.\n“Our forces are ready.\n“They have trained for years,” she said.")
	require.Len(t, x.Statements, 2, "%+v", x.Statements)
	assert.Equal(t, "Our forces are ready.", x.Statements[0].Text)
	for _, s := range x.Statements {
		assert.Equal(t, facts.Direct, s.Kind)
		assert.Equal(t, "anna-berg", s.SpeakerID)
	}
}

func TestAddingAfterQuote(t *testing.T) {
	x := mustFacts(t, "“We are a peaceful country,” Anna Berg said, adding that Norway would defend its rights “by every lawful means”.")
	require.Len(t, x.Statements, 2, "%+v", x.Statements)
	assert.Equal(t, facts.Direct, x.Statements[0].Kind)
	assert.Equal(t, facts.Indirect, x.Statements[1].Kind)
	assert.Equal(t, "Norway would defend its rights “by every lawful means”.", x.Statements[1].Text)
	assert.Equal(t, "anna-berg", x.Statements[1].SpeakerID)
}

func TestMoreStatementRules(t *testing.T) {
	for _, c := range []struct {
		name, text, said, speaker, speakerText string
	}{
		{"Dateline", "MOSCOW, Aug 3 (Reuters) - Troops will arrive, the Kremlin said.", "Troops will arrive", "kremlin", "the Kremlin"},
		{"ButSaid", "A spokeswoman for the European Commission declined to comment but said the report would be published in June.", "the report would be published in June.", "european-commission", "European Commission"},
		{"WhoTold", "Visitors included Egypt's military production minister, Mahmoud Fawzy, who told reporters that Cairo was interested.", "Cairo was interested.", "mahmoud-fawzy", "Mahmoud Fawzy"},
		{"RelativeClause", "Hale, who also serves as defence minister, said Australia would publish details.", "Australia would publish details.", "hale", "Hale, who also serves as defence minister"},
		{"NameInsideRelativeClause", "Acme Lines, which is owned by Anna Berg, said fares would rise.", "fares would rise.", "acme-lines", "Acme Lines, which is owned by Anna Berg"},
		{"TheCompanyIsLastOrganizationToSpeak", "Acme Lines said fares would rise. Anna Berg of the Norwell Union called that theft. “Our offer is fair,” the company said.", "Our offer is fair", "acme-lines", "the company"},
		{"CapitalisedRoleIsLastSpeaker", "Ana Ruiz said the talks went well. “We are ready,” the Deputy Prime Minister emphasized.", "We are ready", "ana-ruiz", "the Deputy Prime Minister"},
		{"ShortFormThenPlace", "The National Disaster Authority (NDA) of Kenya said roads were closed.", "roads were closed.", "national-disaster-authority", "The National Disaster Authority (NDA) of Kenya"},
		{"AdverbAfterAuxiliary", "Local critics have long argued that the hotels were built without permits.", "the hotels were built without permits.", "", "Local critics"},
		{"FoundThat", "The researchers found that exposed bees made more errors.", "exposed bees made more errors.", "", "The researchers"},
		{"StaffAsGroup", "Council staff said construction would start in March.", "construction would start in March.", "", "Council staff"},
		{"ToldTheCouncil", "Several owners told the council the closures would hurt trade.", "the closures would hurt trade.", "", "Several owners"},
		{"ToldNamedListener", "Dr. Anna Berg told KXTL the outbreak was the largest in years.", "the outbreak was the largest in years.", "anna-berg", "Dr. Anna Berg"},
		{"ButDeclined", "Anna Berg insisted the review was thorough but declined to say whether the regulator would go.", "the review was thorough", "anna-berg", "Anna Berg"},
		{"AndAdvised", "Anna Berg warned that more rain is expected and advised residents to move to higher ground.", "more rain is expected", "anna-berg", "Anna Berg"},
		{"TheyNotedAfterReport", "Local analysts said the strike could cut output, though they noted that stocks were high.", "stocks were high.", "", "Local analysts"},
		{"RoleInApposition", "The Acme Lines board met. Rear Admiral Ana Ruiz, the spokesman of the drill, said troops had arrived. According to the spokesman, the ships docked on Sunday.", "the ships docked on Sunday.", "ana-ruiz", "the spokesman"},
		{"TheUnionIsTheOrganizationItNames", "The Dockers Union said its members would strike. Acme Lines said talks would continue. “We will walk out,” the union said.", "We will walk out", "dockers-union", "the union"},
		{"HoweverThat", "Anna Berg warned, however, that delays would cap growth.", "delays would cap growth.", "anna-berg", "Anna Berg"},
		{"SingularUnnamedSpeaker", "Workers walked out after talks collapsed, a union leader said, threatening output at the mine.", "Workers walked out after talks collapsed", "", "a union leader"},
		{"AskedFor", "Joan Mercer asked for a sentence of no more than eight years.", "a sentence of no more than eight years.", "joan-mercer", "Joan Mercer"},
		{"AppositionWithRelative", "Dr. Anna Berg, an entomologist at the University of Sussex who was not involved in the study, said the experiment was careful.", "the experiment was careful.", "anna-berg", "Dr. Anna Berg, an entomologist at the University of Sussex who was not involved in the study"},
		{"GroupSecondVerb", "Health officials said four more cases were found, and warned that the true number was higher.", "the true number was higher.", "", "Health officials"},
		{"HospitalAsBody", "The hospital said in a statement that both children were in stable condition.", "both children were in stable condition.", "", "The hospital"},
		{"NameEndsLongTitle", "Deputy Director-General of the Health Department Anna Berg said cases had risen.", "cases had risen.", "anna-berg", "Deputy Director-General of the Health Department Anna Berg"},
		{"PronounAfterIntroIsLastSpeaker", "Anna Berg, who works with Maria Lopez, said trade had fallen. Later, she said the shop would close.", "the shop would close.", "anna-berg", "she"},
		{"AgeThenApposition", "Tom Hart, 45, a teacher from Leeds, said the school had been closed for a week.", "the school had been closed for a week.", "tom-hart", "Tom Hart, 45, a teacher from Leeds"},
		{"HoweverBetweenCommas", "Maria Lopez, however, said the ferry would resume on Friday.", "the ferry would resume on Friday.", "maria-lopez", "Maria Lopez, however"},
		{"ThoughHeDeclined", "Tom Hart said he expected the deal to close next month, though he declined to give a date.", "he expected the deal to close next month", "tom-hart", "Tom Hart"},
		{"PronounIsLastSpeakerOverBackground", "Anna Berg said the crash was avoidable. The van had hit Maria Lopez on the A6 in March. She said the driver should be jailed.", "the driver should be jailed.", "anna-berg", "She"},
		{"AccordingToTitleThenName", "According to the head of the agency, Dr. Anna Berg, the outbreak is under control.", "the outbreak is under control.", "anna-berg", "the head of the agency, Dr. Anna Berg"},
		{"PrepositionalApposition", "Anna Berg, in a letter to staff seen by the Daily Planet, said 300 jobs would go.", "300 jobs would go.", "anna-berg", "Anna Berg, in a letter to staff seen by the Daily Planet"},
		{"AdverbBeforeTold", "Anna Berg had earlier told the committee that no data had been lost.", "no data had been lost.", "anna-berg", "Anna Berg"},
		{"RevealedThat", "Tom Hart revealed that he had been offered the job in May.", "he had been offered the job in May.", "tom-hart", "Tom Hart"},
		{"ClauseThenColonQuote", "Tom Hart was blunt: “This is a disaster.”", "This is a disaster.", "tom-hart", "Tom Hart"},
		{"PronounAfterNewSubject", "Hassan Abdi said his children had fallen ill. The county governor, Abdullahi Omar, blamed the government for delays. He said funds had been held up.", "funds had been held up.", "abdullahi-omar", "He"},
		{"ItIsLastOrganizationToSpeak", "Acme Lines said fares would rise by 5%. The increase was approved by the European Commission in March. It said the money would pay for new trains.", "the money would pay for new trains.", "acme-lines", "It"},
		{"StaffSpeakForEmployer", "Researchers at Acme Lines said the trains were safe.", "the trains were safe.", "acme-lines", "Researchers at Acme Lines"},
		{"PluralPresentWarn", "Local experts warn the drought could last until spring.", "the drought could last until spring.", "", "Local experts"},
		{"PastParticipleApposition", "Anna Berg, asked if she would resign, said she had done nothing wrong.", "she had done nothing wrong.", "anna-berg", "Anna Berg, asked if she would resign"},
		{"OfficeAsBody", "The mayor's office said Tuesday the road would reopen within weeks.", "the road would reopen within weeks.", "", "The mayor's office"},
		{"InvertedLongTitle", "New Zealand will host the drills in November, Minister of Defence Aroha T. Whitmore announced today.", "New Zealand will host the drills in November", "aroha-t-whitmore", "Minister of Defence Aroha T. Whitmore"},
		{"ColonBeforeInvertedAttribution", "The exercise is held in two phases: a naval phase until 17 May, followed by an air phase, Anna Berg said.", "The exercise is held in two phases: a naval phase until 17 May, followed by an air phase", "anna-berg", "Anna Berg"},
		{"NameEndsInAuxiliary", "Environment Minister Josephat Were said the government would set aside money.", "the government would set aside money.", "josephat-were", "Environment Minister Josephat Were"},
		{"OrganizationInPlace", "The Ministry of Health in Nairobi says the outbreak is over.", "the outbreak is over.", "ministry-of-health", "The Ministry of Health in Nairobi"},
		{"SaidItFearedThat", "Acme Lines said it feared that the strike would spread.", "it feared that the strike would spread.", "acme-lines", "Acme Lines"},
		{"LongInvertedTail", "The drills will run until March 27, Acme Lines announced Tuesday at a press briefing at its headquarters in central Manila.", "The drills will run until March 27", "acme-lines", "Acme Lines"},
		{"AttributionInsideReport", "Anna Berg spoke in Oslo. The problem, she said, is money.", "The problem, she said, is money.", "anna-berg", "she"},
		{"TheirUnionNamedAfter", "Dock workers will strike on Monday, their union has said. The Dockers Union called the offer an insult.", "Dock workers will strike on Monday", "dockers-union", "their union"},
		{"RuledThat", "Judge Anna Berg ruled that the contract was void.", "the contract was void.", "anna-berg", "Judge Anna Berg"},
		{"QuoteThenShouted", "“I am innocent,” Tom Hart shouted as he was led away.", "I am innocent", "tom-hart", "Tom Hart"},
		{"PronounAfterQuoteIsLastSpeaker", "Anna Berg, who works with Maria Lopez, said trade had fallen. “People stay away,” she said.", "People stay away", "anna-berg", "she"},
		{"SpokesmanForOrganization", "The Kremlin met on Monday. A spokesman said the meeting went well.", "the meeting went well.", "kremlin", "A spokesman"},
		{"Source", "Iran and Russia staged naval manoeuvres on Thursday, Iranian state television reported.", "Iran and Russia staged naval manoeuvres on Thursday", "iran", "Iranian state television"},
		{"UnnamedGroupWithPlace", "Western diplomats at the United Nations said the council could meet.", "the council could meet.", "", "Western diplomats at the United Nations"},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := mustFacts(t, c.text)
			var found *facts.Statement
			for i, s := range x.Statements {
				if s.Text == c.said {
					found = &x.Statements[i]
				}
			}
			require.NotNil(t, found, "no statement %q in %+v", c.said, x.Statements)
			assert.Equal(t, c.speaker, found.SpeakerID)
			assert.Equal(t, c.speakerText, found.SpeakerText)
		})
	}
}

func TestMorePeriods(t *testing.T) {
	for _, c := range []struct {
		name, text, start, end string
	}{
		{"NextMonth", "Chile will host the Pacific Condor naval exercise next month.", "2024-09-01", "2024-09-30"},
		{"Until", "The Balikatan exercises, which run until September 10, began this week.", "2024-08-21", "2024-09-10"},
		{"WeekdayThenEnd", "Marines began Exercise Iron Tern in Iceland on Monday. The exercise ends on Sept. 3.", "2024-08-19", "2024-09-03"},
		{"DayRangeInOneMonth", "The Shaheen-Thunder air exercise will run from Sept. 3 to 10.", "2024-09-03", "2024-09-10"},
		{"AcrossMonths", "Troops will hold drills code-named Sahel Resolve from March 24 to April 2, 2025.", "2025-03-24", "2025-04-02"},
	} {
		t.Run(c.name, func(t *testing.T) {
			x := mustFacts(t, c.text)
			require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
			p := x.Exercises[0].Period
			require.NotNil(t, p)
			assert.Equal(t, c.start, p.Start.String(), p.Text)
			assert.Equal(t, c.end, p.End.String(), p.Text)
		})
	}
}

// TestRangeWithoutSecondDate: a range word and a weekday with no date after them leave the
// single day, and its text, as it was.
func TestRangeWithoutSecondDate(t *testing.T) {
	x := mustFacts(t, "The Pacific Tern exercise will run from November 14 to Sunday, the navy said.")
	require.Len(t, x.Exercises, 1, "%+v", x.Exercises)
	p := x.Exercises[0].Period
	require.NotNil(t, p)
	assert.Equal(t, "November 14", p.Text)
	assert.Equal(t, "2024-11-14", p.Start.String())
	assert.Equal(t, "2024-11-14", p.End.String())
}

// TestShortFormOfAMinistry: a bracketed short form whose initials skip "of" is the short form
// of the name before it, which is no exercise ("Ministry of National Defense (MND) exercises").
func TestShortFormOfAMinistry(t *testing.T) {
	x := mustFacts(t, "Taiwan's Ministry of National Defense (MND) exercises began on Monday, the ministry said.")
	assert.Empty(t, x.Exercises)
}

func TestPronounGender(t *testing.T) {
	x := mustFacts(t, "Foreign Minister Anna Berg met Mr. Jonas Lindqvist in Oslo. The talks went well, she said.")
	require.NotEmpty(t, x.Statements)
	assert.Equal(t, "anna-berg", x.Statements[0].SpeakerID, "“she” skips a man")
	x = mustFacts(t, "Spokeswoman Anna Berg met Jonas Lindqvist. The talks went well, he said.")
	require.NotEmpty(t, x.Statements)
	assert.Equal(t, "jonas-lindqvist", x.Statements[0].SpeakerID)
}

func TestBracketedTranslation(t *testing.T) {
	x := mustFacts(t, "Russia will hold the Zapad (West) exercises in September.")
	require.Len(t, x.Exercises, 1)
	assert.Equal(t, "Zapad", x.Exercises[0].Name)
	assert.Equal(t, []string{"West"}, x.Exercises[0].Aliases)
}

func TestObserversDoNotTakePart(t *testing.T) {
	x := mustFacts(t, "Kenya and Tanzania will hold the Ocean Shield 2025 drills in July, with observers from India. Brazil will send observers to the exercise.")
	require.Len(t, x.Exercises, 1)
	assert.ElementsMatch(t, []string{"kenya", "tanzania"}, x.Exercises[0].ParticipantIDs)
}

func TestNoNameNoExercise(t *testing.T) {
	for _, text := range []string{
		"Warships joined the Pacific exercise on Monday.",
		"Troops took part in the Russian-Belarusian drills.",
		"The NATO exercises ended.",
		"Joint drills began on Monday.",
		"The US Army exercise ended.",
	} {
		x := mustFacts(t, text)
		assert.Empty(t, x.Exercises, text)
	}
}

func TestMinistrySpellingsShareAnID(t *testing.T) {
	british := mustFacts(t, "Russia’s Defence Ministry said the drills began.")
	american := mustFacts(t, "The Russian Defense Ministry said the drills began.")
	b, ok := entityNamed(british, "Russia’s Defence Ministry")
	require.True(t, ok)
	a, ok := entityNamed(american, "Russian Defense Ministry")
	require.True(t, ok)
	assert.Equal(t, a.ID, b.ID)
}

// A surname alone names the latest person of that name, also in a document naming more people
// than knownPerson scans (past that it indexes them, to stay linear).
func TestSurnameAmongManyPeople(t *testing.T) {
	first := []string{"Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas",
		"Karim", "Lena", "Marco", "Nadia", "Oskar", "Petra", "Quentin", "Rosa", "Samir", "Tilda", "Umar", "Vera"}
	last := []string{"Adler", "Brandt", "Costa", "Dahl", "Eriksen", "Falk", "Gruber", "Hansen", "Ivanova", "Jensen",
		"Kowalski", "Lindqvist", "Moretti", "Novak", "Olsen", "Petrova", "Quist", "Rossi", "Sandberg", "Torres", "Ulrich", "Vasquez"}
	var text string
	for i := range first {
		text += "Defence Minister " + first[i] + " " + last[i] + " met officials on Monday.\n"
	}
	text += "Brandt said the talks had gone well.\nLater, Vasquez said the border would stay open.\n"
	x := mustFacts(t, text)
	speakers := map[string]string{}
	for _, st := range x.Statements {
		speakers[st.SpeakerText] = st.SpeakerID
	}
	assert.Equal(t, "boris-brandt", speakers["Brandt"], "an early person, found through the index")
	assert.Equal(t, "vera-vasquez", speakers["Vasquez"], "the latest person")
}

// "The foreign ministry" names the foreign ministry introduced earlier, also in a document
// naming more organizations than the look-back scans (past that it indexes them).
func TestShortFormAmongManyOrganizations(t *testing.T) {
	text := "The Estonian Foreign Ministry said on Sunday that talks would resume.\n"
	for _, demonym := range []string{"Latvian", "Lithuanian", "Polish", "German", "French", "Italian",
		"Spanish", "Dutch", "Belgian", "Danish", "Swedish", "Norwegian", "Finnish", "Czech", "Slovak", "Austrian",
		"Hungarian", "Romanian", "Bulgarian", "Greek", "Turkish"} {
		text += "The " + demonym + " Defence Ministry said on Monday that its troops were ready.\n"
	}
	text += "The foreign ministry said the drills would go on.\n"
	x := mustFacts(t, text)
	var foreign string
	for _, e := range x.Entities {
		if e.Type == facts.Organization && strings.Contains(e.Name, "Foreign") {
			foreign = e.ID
		}
	}
	require.NotEmpty(t, foreign, "the foreign ministry is an entity")
	last := x.Statements[len(x.Statements)-1]
	assert.Equal(t, "the drills would go on", strings.TrimSuffix(last.Text, "."))
	assert.Equal(t, foreign, last.SpeakerID)
}

// TestCueWordsAreData adds a word to a cue list of a test gazetteer and sees the rule that
// reads the list fire: a new cue is a line in a data file, with no change to the rules.
func TestCueWordsAreData(t *testing.T) {
	pub := facts.Date{Year: 2024, Month: 8, Day: 21}
	meta := facts.ArticleMeta{PublishedAt: &pub}
	for _, c := range []struct {
		name, file, word, text string
		fired                  func(facts.Extraction) bool
	}{
		{"PlacePreposition", "words/place_prepositions.txt", "beyond", "Troops massed beyond Orvik on Monday.", func(x facts.Extraction) bool {
			e, ok := entityNamed(x, "Orvik")
			return ok && e.Type == facts.Location
		}},
		{"NamingCue", "words/naming_cues.txt", "christened", "Norway and Sweden began naval drills christened Grey Heron on Monday.", func(x facts.Extraction) bool {
			return len(x.Exercises) == 1 && x.Exercises[0].Name == "Grey Heron"
		}},
		{"SpeechVerb", "speech_verbs.txt", "opined", "Anna Berg opined that the troops were ready.", func(x facts.Extraction) bool {
			return len(x.Statements) == 1 && x.Statements[0].SpeakerID == "anna-berg" && x.Statements[0].Text == "the troops were ready."
		}},
		{"ReportingParticiple", "words/reporting_participles.txt", "remarking", "Anna Berg opened the base, remarking it would host 500 troops.", func(x facts.Extraction) bool {
			return len(x.Statements) == 1 && x.Statements[0].SpeakerID == "anna-berg" && x.Statements[0].Verb == "remarking"
		}},
		{"SourceCue", "words/source_cues.txt", "attributed", "Troops will arrive, attributed to the Kremlin.", func(x facts.Extraction) bool {
			return len(x.Statements) == 1 && x.Statements[0].SpeakerID == "kremlin"
		}},
		{"HostVerb", "words/host_verbs.txt", "convened", "The Condor Tern 2025 exercise will be convened on Peru's Pacific coast in June.", func(x facts.Extraction) bool {
			return len(x.Exercises) == 1 && x.Exercises[0].HostID == "peru"
		}},
		{"HostSubjectVerb", "words/host_subject_verbs.txt", "convenes", "Peru convenes the Condor Tern 2025 exercise with Chile in June.", func(x facts.Extraction) bool {
			return len(x.Exercises) == 1 && x.Exercises[0].HostID == "peru"
		}},
		{"SpeechAuxiliary", "words/speech_auxiliaries.txt", "allegedly", "Troops will leave soon, Anna Berg allegedly said.", func(x facts.Extraction) bool {
			return len(x.Statements) == 1 && x.Statements[0].Verb == "allegedly said"
		}},
		{"Title", "titles.txt", "harbourmaster", "Harbourmaster Ivo Rand arrived.", func(x facts.Extraction) bool {
			e, ok := entityNamed(x, "Ivo Rand")
			return ok && e.Title == "Harbourmaster"
		}},
		{"LocationHead", "words/location_heads.txt", "fjord", "Kestrel Fjord froze early this year.", func(x facts.Extraction) bool {
			e, ok := entityNamed(x, "Kestrel Fjord")
			return ok && e.Type == facts.Location
		}},
		{"NamingCuePhrase", "words/naming_cues.txt", "going by", "Norway and Sweden began naval drills going by Grey Heron on Monday.", func(x facts.Extraction) bool {
			return len(x.Exercises) == 1 && x.Exercises[0].Name == "Grey Heron"
		}},
		{"AliasCue", "words/alias_cues.txt", "also called", "Norway began the Grey Heron exercise, also called Blue Fjord, on Monday.", func(x facts.Extraction) bool {
			return len(x.Exercises) == 1 && slices.Contains(x.Exercises[0].Aliases, "Blue Fjord")
		}},
		{"Honorific", "words/honorifics.txt", "sra", "Troops reached the base. Sra. Pell arrived in the evening.", func(x facts.Extraction) bool {
			e, ok := entityNamed(x, "Pell")
			return ok && e.Type == facts.Person
		}},
		{"AdditionWord", "words/addition_words.txt", "likewise", "Peru will host the Condor Tern 2025 exercise in June. Talks went well. Officials met. Rain fell. Chile will likewise send a ship.", func(x facts.Extraction) bool {
			return len(x.Exercises) == 1 && slices.Contains(x.Exercises[0].ParticipantIDs, "chile")
		}},
		{"LedWord", "words/led_words.txt", "headed", "Warships from Ghana sailed for the Nigeria-headed “Atlantic Tern” drills on Monday.", func(x facts.Extraction) bool {
			return len(x.Exercises) == 1 && x.Exercises[0].HostID == "nigeria"
		}},
		{"PlaceRelative", "words/place_relatives.txt", "when", "Peru will take part in the Condor Tern 2025 exercise in June, when Chile will train there too.", func(x facts.Extraction) bool {
			return len(x.Exercises) == 1 && slices.Contains(x.Exercises[0].ParticipantIDs, "chile")
		}},
		{"InstitutionNoun", "words/institution_nouns.txt", "outfit", "The Chilean Navy said on Monday that the drills would begin in October. According to the outfit, the exercise will gather ten ships.", func(x facts.Extraction) bool {
			for _, st := range x.Statements {
				if strings.Contains(st.Text, "ten ships") && st.SpeakerID == "chilean-navy" {
					return true
				}
			}
			return false
		}},
		{"Complementizer", "words/complementizers.txt", "how", "Anna Berg told reporters how the troops were ready.", func(x facts.Extraction) bool {
			return len(x.Statements) == 1 && x.Statements[0].Text == "the troops were ready."
		}},
		// The period rule's prefilter is derived from the lists: "coming" needs no other change.
		{"FollowingDeterminer", "words/following_determiners.txt", "coming", "Peru will host the Condor Tern exercise with Chile coming month.", func(x facts.Extraction) bool {
			return len(x.Exercises) == 1 && x.Exercises[0].Period != nil && x.Exercises[0].Period.Text == "coming month"
		}},
		{"RangeEndPreposition", "words/range_end_prepositions.txt", "till", "Peru will host the Condor Tern exercise with Chile till September 5.", func(x facts.Extraction) bool {
			return len(x.Exercises) == 1 && x.Exercises[0].Period != nil && x.Exercises[0].Period.Text == "till September 5"
		}},
		{"OrganizationHead", "orgheads.txt", "observer", "The Kestrel Observer reported the drills.", func(x facts.Extraction) bool {
			e, ok := entityNamed(x, "Kestrel Observer")
			return ok && e.Type == facts.Organization
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			before, err := extract.Facts(c.text, meta, gazetteer.Default())
			require.NoError(t, err)
			require.False(t, c.fired(before), "the rule fires before %q is a cue: pick another test word", c.word)
			g, err := gazetteer.With(map[string][]string{c.file: {c.word}})
			require.NoError(t, err)
			after, err := extract.Facts(c.text, meta, g)
			require.NoError(t, err)
			assert.True(t, c.fired(after), "%q added to %s: %+v %+v %+v", c.word, c.file, after.Entities, after.Statements, after.Exercises)
		})
	}
}

// TestNotPersons holds names that are no person: ships, a word that starts a sentence.
func TestNotPersons(t *testing.T) {
	for _, text := range []string{
		"The frigate HMAS Warrego sailed with BRP Andres Bonifacio, the navy said.",
		"Sailors of USS George H.W. Bush said the drills went well.",
		"Nobody asked us, the residents said.",
	} {
		x := mustFacts(t, text)
		for _, e := range x.Entities {
			assert.NotEqual(t, facts.Person, e.Type, "%q: %+v", text, e)
		}
	}
}

// TestNoStatement holds sentences with a speech verb that report nothing.
func TestNoStatement(t *testing.T) {
	for _, text := range []string{
		"China claims most of the South China Sea.",
		"Argentina claims the islands as part of its territory.",
		"Japan and South Korea have confirmed their participation in the drills.",
		"The Tern Athletics Federation has confirmed its attendance at the championships.",
		"The work, a portrait titled “La nit de Sant Joan”, was found last year in an attic.",
		"The protests continued into the night.",
	} {
		assert.Empty(t, mustFacts(t, text).Statements, text)
	}
}

// TestNotParticipants holds countries an exercise's sentences name that take no part in it.
func TestNotParticipants(t *testing.T) {
	for _, c := range []struct{ text, not string }{
		{"Peru will host the Condor Tern 2025 exercise in June. Peru will send a message to Chile.", "chile"},
		{"Peru will host the Condor Tern 2025 exercise in June. Brazil will send observers.", "brazil"},
		{"Peru will host the Condor Tern 2025 exercise in June. Bolivia took part in 2022 but is not participating this year.", "bolivia"},
		{"Peru will host the Condor Tern 2025 exercise in June. Condor Tern was last held in 2022, when Bolivia also took part.", "bolivia"},
		{"Peru will host the Condor Tern 2025 exercise in June. Brazil, which is sending observers, has been invited to take part in 2027.", "brazil"},
		{"Peru will host the Condor Tern 25 exercise in June. Bolivia, which took part in Condor Tern 23, will send only observers.", "bolivia"},
	} {
		x := mustFacts(t, c.text)
		require.Len(t, x.Exercises, 1, c.text)
		assert.NotContains(t, x.Exercises[0].ParticipantIDs, c.not, c.text)
	}
}

// TestQuoteOpenAcrossParagraphs holds a quotation attributed before it that runs on without a
// closing mark: each next paragraph that opens with a mark goes on with it.
func TestQuoteOpenAcrossParagraphs(t *testing.T) {
	x := mustFacts(t, "Anna Berg said on Monday: “Our forces are ready.\n“They have trained for years.\n“They will not fail.”\nThe drills end on Friday.")
	require.Len(t, x.Statements, 3, "%+v", x.Statements)
	for i, want := range []string{"Our forces are ready.", "They have trained for years.", "They will not fail."} {
		assert.Equal(t, want, x.Statements[i].Text)
		assert.Equal(t, facts.Direct, x.Statements[i].Kind)
		assert.Equal(t, "anna-berg", x.Statements[i].SpeakerID)
	}
}

// TestExerciseNameShapes holds names with a possessive, after a short form of "Exercise", and
// a pair of combining forms that is no name.
func TestExerciseNameShapes(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Greece began the naval exercise “Poseidon’s Wall 2026” on 11 May.", "Poseidon’s Wall 2026"},
		{"The navies will hold their bilateral exercise, Ex Varuna Tide, in March.", "Varuna Tide"},
		{"The Sino-Russian exercise Joint Sea 2026 opened on Monday.", "Joint Sea 2026"},
	} {
		x := mustFacts(t, c.text)
		require.Len(t, x.Exercises, 1, "%s: %+v", c.text, x.Exercises)
		assert.Equal(t, c.want, x.Exercises[0].Name, c.text)
	}
}

// TestExerciseNamesJoined holds two names of one exercise found apart: a name with a year
// after the same name without, an acronym set off before the long name, and a title's "of".
func TestExerciseNamesJoined(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Notes on Exercise Amber Kite.\nPeru will host Amber Kite 2027 from 3 to 9 May.", "Amber Kite"},
		{"This is TERNEX 26, the Tern Reach Exercise, which Peru hosts this month.", "TERNEX 26"},
		{"Colonel Ana Ruiz, the exercise director of Amber Kite 27, spoke to reporters.", "Amber Kite 27"},
	} {
		x := mustFacts(t, c.text)
		require.Len(t, x.Exercises, 1, "%s: %+v", c.text, x.Exercises)
		assert.Equal(t, c.want, x.Exercises[0].Name, c.text)
	}
}

// TestOrganizationHeads holds names with a title before their head and heads in a row.
func TestOrganizationHeads(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Troops arrived. The Kestrel National Defence General Staff announced the drills.", "Kestrel National Defence General Staff"},
		{"Troops arrived. The Joint Staff Office announced the drills.", "Joint Staff Office"},
		{"Troops arrived. The Operational Conversion Unit flew in on Monday.", "Operational Conversion Unit"},
	} {
		e, ok := entityNamed(mustFacts(t, c.text), c.want)
		require.True(t, ok, c.text)
		assert.Equal(t, facts.Organization, e.Type, c.text)
	}
}

// TestDocumentSpeaker holds "the statement said": the organization that spoke in it.
func TestDocumentSpeaker(t *testing.T) {
	x := mustFacts(t, "Peru will host the drills, the Ministry of Defence said in a statement on Monday.\nThe drills will last ten days, the statement said.")
	require.Len(t, x.Statements, 2, "%+v", x.Statements)
	assert.Equal(t, x.Statements[0].SpeakerID, x.Statements[1].SpeakerID)
	assert.NotEmpty(t, x.Statements[1].SpeakerID)
}

// TestTroopsFrom holds troops from a country as a cue that it takes part.
func TestTroopsFrom(t *testing.T) {
	x := mustFacts(t, "Peru will host the Condor Tern 2025 exercise in June, and personnel from Chile and Bolivia will train there.")
	require.Len(t, x.Exercises, 1)
	assert.Subset(t, x.Exercises[0].ParticipantIDs, []string{"chile", "bolivia"})
}

// TestPossessorHosts holds a country's own exercise: its possessive before the exercise word.
func TestPossessorHosts(t *testing.T) {
	x := mustFacts(t, "Peru's largest annual naval exercise, Condor Tern 2025, began on Monday.")
	require.Len(t, x.Exercises, 1)
	assert.Equal(t, "peru", x.Exercises[0].HostID)
}

// TestNamesInBrackets holds a translated exercise name in brackets, an outlet named in quotes
// after a source noun, and a unit's number after its head.
func TestNamesInBrackets(t *testing.T) {
	x := mustFacts(t, "Peru will hold the exercise “Condor Austral 2026” (Southern Condor 2026) in June. The admiral was quoted by the fleet newspaper “Kestrel Watch” as saying the crews were ready. Escort Flotilla 4 will sail.")
	require.Len(t, x.Exercises, 1)
	assert.Contains(t, x.Exercises[0].Aliases, "Southern Condor 2026")
	for _, name := range []string{"Kestrel Watch", "Escort Flotilla 4"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Organization, e.Type, name)
	}
}

// TestPlaceHeads holds places named by a head before the name, and a base's name after its head.
func TestPlaceHeads(t *testing.T) {
	x := mustFacts(t, "Marines trained at Fort Kestrel before flying to RAAF Base Orvik, then to Cape Tern.")
	for _, name := range []string{"Fort Kestrel", "RAAF Base Orvik", "Cape Tern"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Location, e.Type, name)
	}
}

// TestMixedCaseShortForm holds a short form in brackets with lower-case letters ("MoD").
func TestMixedCaseShortForm(t *testing.T) {
	x := mustFacts(t, "The Kestrel Defence Office (KeDO) opened the base. The KeDO said the troops were ready.")
	e, ok := entityNamed(x, "Kestrel Defence Office")
	require.True(t, ok)
	assert.Contains(t, e.Aliases, "KeDO")
	require.NotEmpty(t, x.Statements)
	assert.Equal(t, e.ID, x.Statements[0].SpeakerID)
}

// TestReportingShapes holds a listener with a possessive determiner and "the X side" of
// translated copy.
func TestReportingShapes(t *testing.T) {
	x := mustFacts(t, "Chile will also send a tanker for the second week, Anna Berg told our correspondent.")
	require.Len(t, x.Statements, 1, "%+v", x.Statements)
	assert.Equal(t, "anna-berg", x.Statements[0].SpeakerID)
	assert.Equal(t, "Chile will also send a tanker for the second week", x.Statements[0].Text)
	x = mustFacts(t, "The Peruvian side has noted that the exercise is held in international waters.")
	require.Len(t, x.Statements, 1, "%+v", x.Statements)
	assert.Equal(t, "peru", x.Statements[0].SpeakerID)
}

// TestQuotedByOutlet holds "NP was quoted by the agency as saying": NP speaks, not the agency.
func TestQuotedByOutlet(t *testing.T) {
	x := mustFacts(t, "Anna Berg arrived in Lima.\nBerg was quoted by the state news agency as saying that the drills would go ahead.")
	require.Len(t, x.Statements, 1, "%+v", x.Statements)
	assert.Equal(t, "anna-berg", x.Statements[0].SpeakerID)
	assert.Equal(t, "the drills would go ahead.", x.Statements[0].Text)
}

// TestPersonOfOrganization holds "NAME of ORG said": the person speaks, not the organization.
func TestPersonOfOrganization(t *testing.T) {
	x := mustFacts(t, "Professor Ana Ruiz of Kestrel University said the drills would go ahead.")
	require.Len(t, x.Statements, 1, "%+v", x.Statements)
	assert.Equal(t, "ana-ruiz", x.Statements[0].SpeakerID)
}

// TestPlacesNamedAsSites holds names nobody introduced that the text names as places: after
// "at", before a lower-case place noun, after a place preposition when they have several
// words, or in a list with a place; and a possessive after "at" that makes no place.
func TestPlacesNamedAsSites(t *testing.T) {
	x := mustFacts(t, "Troops trained at Kestrel Moor and in Barangay Orvik before moving to the Tern training ground. Ships sailed past Orvik Levu and the Kestrel Islands.")
	for _, name := range []string{"Kestrel Moor", "Barangay Orvik", "Tern", "Orvik Levu"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Location, e.Type, name)
	}
	x = mustFacts(t, "The ambassador in Canberra, Orvik Tarn, said the drills were routine.")
	e, ok := entityNamed(x, "Orvik Tarn")
	require.True(t, ok)
	assert.Equal(t, facts.Person, e.Type)
	x = mustFacts(t, "Tern state media said the drills were routine.")
	_, ok = entityNamed(x, "Tern")
	assert.False(t, ok, "a place noun that modifies another noun names no place")
}

// TestShortFormDefinitions holds long forms a short form in brackets spells out, read as one
// entity whatever the other rules made of their words, and the short form's later uses.
func TestShortFormDefinitions(t *testing.T) {
	x := mustFacts(t, "Naval Forces West (NFW) and the Kestrel Air Force and Air Defence (KAF&AD) met the Standing Tern Mine Countermeasures Group 2 (STMCMG2). NFW said the drills would start soon.")
	for _, name := range []string{"Naval Forces West", "Kestrel Air Force and Air Defence", "Standing Tern Mine Countermeasures Group 2"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Organization, e.Type, name)
	}
	e, _ := entityNamed(x, "Naval Forces West")
	assert.Contains(t, e.Aliases, "NFW")
	require.NotEmpty(t, x.Statements)
	assert.Equal(t, e.ID, x.Statements[0].SpeakerID)
}

// TestExerciseAppositions holds an exercise named before an apposition with "a"/"its" and
// up to three describing words, a short form with the edition in brackets, and a name set
// off before "the exercise commander", which is a title and names no exercise.
func TestExerciseAppositions(t *testing.T) {
	x := mustFacts(t, "The Peruvian Navy hosts Condor Tern 25, its annual large-force employment exercise, in May.")
	require.Len(t, x.Exercises, 1)
	assert.Equal(t, "Condor Tern 25", x.Exercises[0].Name)
	assert.Equal(t, "peru", x.Exercises[0].HostID)
	x = mustFacts(t, "Warships gathered for Kestrel Operations (KESTOPS 25), a two-week mine countermeasures exercise.")
	require.Len(t, x.Exercises, 1)
	assert.Equal(t, "Kestrel Operations", x.Exercises[0].Name)
	assert.Contains(t, x.Exercises[0].Aliases, "KESTOPS 25")
	x = mustFacts(t, "Commander Orvik T. Tarn, the exercise commander, said the crews were ready.")
	assert.Empty(t, x.Exercises)
}

// TestLastYearsParticipants holds participants of the last edition, and troops from countries
// a few sentences after the only exercise.
func TestLastYearsParticipants(t *testing.T) {
	x := mustFacts(t, "Peru hosts the Condor Tern 2024 exercise this week. The drills run until Friday. The admiral said the crews were ready. Ships from Chile and Ecuador arrived on Sunday. Bolivia, which took part last year, is attending as an observer.")
	require.Len(t, x.Exercises, 1)
	assert.Subset(t, x.Exercises[0].ParticipantIDs, []string{"peru", "chile", "ecuador"})
	assert.NotContains(t, x.Exercises[0].ParticipantIDs, "bolivia")
}

// TestTitleFields holds the field of a title ("Commissioner for Migration", "the Chief of
// Naval Operations"), which names nobody, and a name with a middle initial set off by commas
// with no other cue.
func TestTitleFields(t *testing.T) {
	x := mustFacts(t, "Commissioner for Coastal Tern Affairs Petra Orvik told reporters that the plan was sound. The Chief of Naval Operations, Adm. Lisa Tarn, said the ships were ready.")
	for _, name := range []string{"Petra Orvik", "Lisa Tarn"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Person, e.Type, name)
	}
	for _, name := range []string{"Coastal Tern Affairs", "Naval Operations", "Coastal Tern Affairs Petra Orvik"} {
		_, ok := entityNamed(x, name)
		assert.False(t, ok, name)
	}
	e, _ := entityNamed(x, "Petra Orvik")
	assert.Equal(t, "Commissioner for Coastal Tern Affairs", e.Title)
	x = mustFacts(t, "Peru's Prime Minister, Joseph R. Kestrel, called the deal good.")
	e, ok := entityNamed(x, "Joseph R. Kestrel")
	require.True(t, ok)
	assert.Equal(t, facts.Person, e.Type)
}

// TestOrganizationsWithAnd holds "and" inside an organization's name, a region that starts
// one, and a person met by surname on the first pass before the full name.
func TestOrganizationsWithAnd(t *testing.T) {
	x := mustFacts(t, "The Kestrel Food and Drug Administration and the Southern Plains Weather Office issued warnings.")
	for _, name := range []string{"Kestrel Food and Drug Administration", "Southern Plains Weather Office"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Organization, e.Type, name)
	}
	x = mustFacts(t, "Witnesses: Kathleen M. Tarn, Assistant Secretary of the Navy.\nSEN. WARD: Ms. Tarn, do you accept that?")
	n := 0
	for _, e := range x.Entities {
		if e.Type == facts.Person && strings.Contains(e.Name, "Tarn") {
			n++
		}
	}
	assert.Equal(t, 1, n, "one person: %+v", x.Entities)
}

// TestPlacesByDirection holds single names a place modifier, "from", a possessive place head
// or a list beside a place makes places.
func TestPlacesByDirection(t *testing.T) {
	x := mustFacts(t, "Jets flew south of Kestrel and trained in northern Orvik. Troops came from Tarnby. Boats sailed off Heron's Point and Wexby.")
	for _, name := range []string{"Kestrel", "Orvik", "Tarnby", "Heron's Point", "Wexby"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Location, e.Type, name)
	}
}

// TestHostByPlace holds the host of an exercise two countries hold: the one whose place the
// text says it is held in, not a place of another year.
func TestHostByPlace(t *testing.T) {
	x := mustFacts(t, "The Indian Navy and the French Navy will hold the Kestrel Tern 2024 exercise off the coast of Goa in September. French pilots trained in Marseille last year.")
	require.Len(t, x.Exercises, 1)
	assert.Equal(t, "india", x.Exercises[0].HostID)
	x = mustFacts(t, "The Indian Navy and the French Navy trained in Marseille last year. They will hold the Kestrel Tern 2024 exercise in September.")
	require.Len(t, x.Exercises, 1)
	assert.Empty(t, x.Exercises[0].HostID)
}

// TestObserversLaterInClause holds countries an observer word later in their clause makes
// observers, and the country an organization "of" it names.
func TestObserversLaterInClause(t *testing.T) {
	x := mustFacts(t, "Peru will host the Condor Tern 2024 exercise in September with the Armed Forces of the Kyrgyz Republic. Military attachés of Chile and Bolivia accredited in Lima have been invited to observe the final stage.")
	require.Len(t, x.Exercises, 1)
	assert.Contains(t, x.Exercises[0].ParticipantIDs, "kyrgyzstan")
	assert.NotContains(t, x.Exercises[0].ParticipantIDs, "chile")
	assert.NotContains(t, x.Exercises[0].ParticipantIDs, "bolivia")
	_, ok := entityNamed(x, "Kyrgyz Republic")
	assert.True(t, ok)
}

// TestHyphenatedPairTakesPart holds the countries of a hyphenated pair before an exercise word.
func TestHyphenatedPairTakesPart(t *testing.T) {
	x := mustFacts(t, "The joint U.S.-Thai exercise “Kestrel Tern 2026” will be held in June.")
	require.Len(t, x.Exercises, 1)
	assert.ElementsMatch(t, []string{"united-states", "thailand"}, x.Exercises[0].ParticipantIDs)
}

// TestInitialsOpenNames holds initials before a surname as part of a person's name, and a
// later bare surname as that person.
func TestInitialsOpenNames(t *testing.T) {
	x := mustFacts(t, "Health Minister R. Devika said the clinics would open. Devika said more later. Judge K. T. Omondi said the case would resume.")
	for name, id := range map[string]string{"R. Devika": "r-devika", "Devika": "r-devika", "K. T. Omondi": "k-t-omondi"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, id, e.ID, name)
		assert.Equal(t, facts.Person, e.Type, name)
	}
	for _, s := range x.Statements {
		assert.NotEqual(t, "r", s.SpeakerID)
	}
}

// TestTitlesOutsideNames holds parliamentary and legal titles (data/titles.txt) as titles,
// never the first words of a name.
func TestTitlesOutsideNames(t *testing.T) {
	x := mustFacts(t, "Deputy Speaker M. Anwar refused the motion. Leader of the Opposition Ruth Kamau said the budget was late. Assistant U.S. Attorney Lena Frost said the funds were moved.")
	for name, title := range map[string]string{"M. Anwar": "Deputy Speaker", "Ruth Kamau": "Leader of the Opposition", "Lena Frost": "U.S. Attorney"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Person, e.Type, name)
		assert.Equal(t, title, e.Title, name)
	}
}

// TestArticleRunIsNoPerson holds a capitalised run after "the" before a role apposition as no
// person with that role, and as a place after a place preposition.
func TestArticleRunIsNoPerson(t *testing.T) {
	x := mustFacts(t, "Buses will run late to the Old Quarter, the mayor said. Cafes line streets in the Harbour Side.")
	for _, e := range x.Entities {
		assert.NotEqual(t, facts.Person, e.Type, e.Name)
	}
	e, ok := entityNamed(x, "Harbour Side")
	require.True(t, ok)
	assert.Equal(t, facts.Location, e.Type)
}

// TestOrganizationsByEvidence holds names with no organization head as organizations when
// the text says what only an organization is or has: a kind noun before the name, its
// shares, a plural last word written after "the"; and a name's first words as its short
// form. A speaker set off after "the company," stays a person.
func TestOrganizationsByEvidence(t *testing.T) {
	x := mustFacts(t, "Tarn Rovers came back to beat Kestrel Harriers 3-1 on Saturday. The Rovers climbed to second; the Harriers fell to fifth. Kestrel Harriers said the referee erred.\n"+
		"Copper miner Ridge Hollow Resources agreed to pay more. The union said the operator, Blue Lantern Lines, had offered 2 percent. Blue Lantern Lines said it regretted the strike. Ridge Hollow said the deal was fair.\n"+
		"Vela Marsh's shares fell 4 percent. Vela Marsh said profits would recover. The company, Jane Roe said, would recover.")
	for _, name := range []string{"Tarn Rovers", "Kestrel Harriers", "Ridge Hollow Resources", "Blue Lantern Lines", "Vela Marsh"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Organization, e.Type, name)
	}
	e, ok := entityNamed(x, "Ridge Hollow")
	require.True(t, ok)
	assert.Equal(t, "ridge-hollow-resources", e.ID)
	e, ok = entityNamed(x, "Jane Roe")
	require.True(t, ok)
	assert.Equal(t, facts.Person, e.Type)
}

// TestPersonsWithPluralSurnames holds a person whose surname ends in "s" a person when no
// "the" ever comes before that surname alone, and a player beaten by a score a person.
func TestPersonsWithPluralSurnames(t *testing.T) {
	x := mustFacts(t, "Martin Rivers said the plan would work. Rivers added that the club agreed. Ines Moro beat Petra Holm 6-4 6-2. Holm said her wrist hurt.")
	for _, name := range []string{"Martin Rivers", "Petra Holm"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Person, e.Type, name)
	}
}

// TestTitleOfTheNameAfter holds a title followed by a name as that name's title, never the
// title of a word set off before it ("Second, Minister …", "in Tarnby, Minister …").
func TestTitleOfTheNameAfter(t *testing.T) {
	x := mustFacts(t, "Second, Minister of Fisheries Cho Min-ho will travel to Lima. Boats sailed from Tarnby, Defence Minister Ilse Varga said.")
	for _, e := range x.Entities {
		if e.Type == facts.Person {
			assert.Contains(t, []string{"Cho Min-ho", "Ilse Varga"}, e.Name)
		}
	}
	e, ok := entityNamed(x, "Ilse Varga")
	require.True(t, ok)
	assert.Equal(t, "Defence Minister", e.Title)
}

// TestPostNominalLetters holds letters after a name (data/words/post_nominals.txt) outside
// it, and the person still found by the title set off before it.
func TestPostNominalLetters(t *testing.T) {
	x := mustFacts(t, "The Welsh Conservatives' housing spokesman, Rhian Pugh MS, said the figures were poor. Pugh called for a review.")
	e, ok := entityNamed(x, "Rhian Pugh")
	require.True(t, ok)
	assert.Equal(t, facts.Person, e.Type)
	require.NotEmpty(t, x.Statements)
	assert.Equal(t, "rhian-pugh", x.Statements[0].SpeakerID)
}

// TestTranscriptLabelWithTitle holds "TITLE NAME:" at the top of a transcript as its
// speaker, not a dateline place.
func TestTranscriptLabelWithTitle(t *testing.T) {
	x := mustFacts(t, "Weekly briefing, Ministry of Fisheries, Busan, March 3, 2026 (transcript)\nSPOKESPERSON KIM DA-IN: Good afternoon. The navy will sail on Monday.")
	for _, e := range x.Entities {
		assert.NotEqual(t, facts.Location, e.Type, e.Name)
	}
	require.NotEmpty(t, x.Statements)
	assert.Equal(t, "kim-da-in", x.Statements[0].SpeakerID)
}

// TestHyphenatedDemonymPair holds a hyphenated pair of demonyms as two countries that take
// part, and a country whose name has a hyphen as one.
func TestHyphenatedDemonymPair(t *testing.T) {
	x := mustFacts(t, "The joint Kazakh-Kyrgyz exercise “Tern Ridge 2026” will be held in June.")
	require.Len(t, x.Exercises, 1)
	assert.ElementsMatch(t, []string{"kazakhstan", "kyrgyzstan"}, x.Exercises[0].ParticipantIDs)
	x = mustFacts(t, "Guinea-Bissau sent two ships.")
	e, ok := entityNamed(x, "Guinea-Bissau")
	require.True(t, ok)
	assert.Equal(t, facts.Country, e.Type)
}

// TestSportsClubHeads holds a club named with a club word (data/orgheads.txt) an organization.
func TestSportsClubHeads(t *testing.T) {
	x := mustFacts(t, "Norte were held by Kestrel Athletic on Sunday.")
	e, ok := entityNamed(x, "Kestrel Athletic")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
}

// TestOrganizationFirstWord holds the plain first word of an organization's name, alone later,
// as that organization, unless the text names it as a place.
func TestOrganizationFirstWord(t *testing.T) {
	x := mustFacts(t, "Harrow Cell Storage Inc. today announced a plant. Harrow said the plant would open in 2028.")
	e, ok := entityNamed(x, "Harrow")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
	require.NotEmpty(t, x.Statements)
	assert.Equal(t, e.ID, x.Statements[0].SpeakerID)
	x = mustFacts(t, "The Orvik Landlords Association met on Monday. Rents in Orvik rose.")
	e, ok = entityNamed(x, "Orvik")
	require.True(t, ok)
	assert.Equal(t, facts.Location, e.Type)
}

// TestPlaceBeforeTitle holds "Title Name Title Name" as a place and its office holder: the
// first title and name are the place whose title the second is.
func TestPlaceBeforeTitle(t *testing.T) {
	x := mustFacts(t, "Prince Rupert Mayor Ana Lee said two men were held. Lac Verde Fire Chief Omar Hale said crews were ready. King Harald visited Oslo.")
	e, ok := entityNamed(x, "Prince Rupert")
	require.True(t, ok)
	assert.Equal(t, facts.Location, e.Type)
	e, ok = entityNamed(x, "Ana Lee")
	require.True(t, ok)
	assert.Equal(t, "Mayor", e.Title)
	e, ok = entityNamed(x, "Omar Hale")
	require.True(t, ok)
	assert.Equal(t, "Fire Chief", e.Title)
	e, ok = entityNamed(x, "Harald")
	require.True(t, ok)
	assert.Equal(t, facts.Person, e.Type)
}

// TestPressReleaseDateline holds a press-release wire's dateline, its agency between slashes
// after a long date ("KESTRELTON, Nova Scotia, Oct. 20, 2026 /Harbor Newswire/ --"), as a
// place and an organization, never a person.
func TestPressReleaseDateline(t *testing.T) {
	x := mustFacts(t, "KESTRELTON, Nova Scotia, Oct. 20, 2026 /Harbor Newswire/ -- Harrow Cell Storage Inc. today announced a plant.")
	e, ok := entityNamed(x, "Harbor Newswire")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
	e, ok = entityNamed(x, "KESTRELTON")
	require.True(t, ok)
	assert.Equal(t, facts.Location, e.Type)
}

// TestTitleFieldWithConjunction holds a title whose field joins two words with "and" ("Minister
// for Fisheries and Oceans") apart from the name after it.
func TestTitleFieldWithConjunction(t *testing.T) {
	x := mustFacts(t, "Minister for Fisheries and Oceans Ruth Calder said the quota would fall. Deputy Minister of Labour and Welfare Tran Van Binh informed that wages rose.")
	for _, name := range []string{"Ruth Calder", "Tran Van Binh"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Person, e.Type)
	}
}

// TestCapitalisedOnlyHeads holds an organization head of data/words/name_heads.txt a head when
// capitalised ("Orvik Care Group") and none in lower case after a country ("a Russian corvette
// group").
func TestCapitalisedOnlyHeads(t *testing.T) {
	x := mustFacts(t, "The home's owner, Orvik Care Group, said it had repaid the families. A Russian corvette group sailed past.")
	e, ok := entityNamed(x, "Orvik Care Group")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
	for _, e := range x.Entities {
		assert.NotContains(t, strings.ToLower(e.Name), "corvette", e.Name)
	}
}

// TestHomePlace holds the place after a person's age ("NAME, 34, of Stockport") and before
// "-based" a location, however small the place.
func TestHomePlace(t *testing.T) {
	x := mustFacts(t, "Ada Lusk, 41, of Kelbrook, admitted the offence. The Varnby-based battalion left.")
	for _, name := range []string{"Kelbrook", "Varnby"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Location, e.Type, name)
	}
}

// TestTeamNames holds a plural name before a lower-case role and a person ("Rovers coach NAME"),
// and a plural after a one-word city of the gazetteer ("Cardiff Dragons"), an organization.
func TestTeamNames(t *testing.T) {
	x := mustFacts(t, "Kelby Rovers lost 20-13. Rovers coach Ian Doyle said the referee erred. The result leaves them behind Cardiff Dragons, who visit next week.")
	for _, name := range []string{"Kelby Rovers", "Cardiff Dragons"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Organization, e.Type, name)
	}
	e, ok := entityNamed(x, "Ian Doyle")
	require.True(t, ok)
	assert.Equal(t, facts.Person, e.Type)
}

// TestCityAfterMotion holds a city or state of the gazetteer after "of" or "to"
// (data/words/motion_prepositions.txt)
// a location, and an unknown word there nothing in particular.
func TestCityAfterMotion(t *testing.T) {
	x0 := mustFacts(t, "Sen. Jane Ruiz of Ohio said the vote was close.")
	e0, ok0 := entityNamed(x0, "Ohio")
	require.True(t, ok0)
	assert.Equal(t, facts.Location, e0.Type)
	x := mustFacts(t, "The side's trip to Parma was postponed.")
	e, ok := entityNamed(x, "Parma")
	require.True(t, ok)
	assert.Equal(t, facts.Location, e.Type)
}

// TestOrganizationApposition holds the organization an apposition names, or that an apposition
// describes, the speaker: "The home's owner, Orvik Care Group, said", "Fair Rent Watchdog, a
// consumer advocacy group, said".
func TestOrganizationApposition(t *testing.T) {
	x := mustFacts(t, "The home's owner, Orvik Care Group, said every family had been repaid. Fair Rent Watchdog, a consumer advocacy group, said the law handed landlords a blank check.")
	require.Len(t, x.Statements, 2)
	for i, name := range []string{"Orvik Care Group", "Fair Rent Watchdog"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, e.ID, x.Statements[i].SpeakerID, name)
	}
}

// TestRegionAsAdjective holds a one-word region that describes a noun ("the Nordic flank") no
// place, and one named as a place ("exports to Africa grew") a location.
func TestRegionAsAdjective(t *testing.T) {
	x := mustFacts(t, "The drills defend the Nordic flank. Exports to the Middle East and Africa grew.")
	_, ok := entityNamed(x, "Nordic")
	assert.False(t, ok)
	e, ok := entityNamed(x, "Africa")
	require.True(t, ok)
	assert.Equal(t, facts.Location, e.Type)
}

// TestAbbreviatedDatelineState holds an American dateline with its state abbreviated
// ("SACRAMENTO, Calif., Nov. 17 (Wire) —") a dateline: the city a place, the wire an
// organization, and the abbreviation no entity of its own.
func TestAbbreviatedDatelineState(t *testing.T) {
	x := mustFacts(t, "SACRAMENTO, Calif., Nov. 17 (Harbor Wire) — Lawmakers approved the plan.")
	e, ok := entityNamed(x, "Harbor Wire")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
	e, ok = entityNamed(x, "SACRAMENTO")
	require.True(t, ok)
	assert.Equal(t, facts.Location, e.Type)
	_, ok = entityNamed(x, "Calif")
	assert.False(t, ok)
}

// TestCapitalisedEventHead holds capitalised words that end in a capitalised event word
// (data/event_words.txt) an event without a year ("the Coastal Rugby Championship"), and an
// organization head that is also an event word ("Pacific Islands Forum") an organization.
func TestCapitalisedEventHead(t *testing.T) {
	x := mustFacts(t, "They sit fifth in the Coastal Rugby Championship table. The Pacific Islands Forum met.")
	e, ok := entityNamed(x, "Coastal Rugby Championship")
	require.True(t, ok)
	assert.Equal(t, facts.Event, e.Type)
	e, ok = entityNamed(x, "Pacific Islands Forum")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
}

// TestOrganizationOfTheName holds "International Committee of the Red Cross" one organization,
// and "Exercise Division of the Joint Staff" two (a head after the article names another).
func TestOrganizationOfTheName(t *testing.T) {
	x := mustFacts(t, "The International Committee of the Kelby Lantern said both sides agreed. The Exercise Division of the Joint Staff said so.")
	e, ok := entityNamed(x, "International Committee of the Kelby Lantern")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
	_, ok = entityNamed(x, "Exercise Division of the Joint Staff")
	assert.False(t, ok)
}

// TestTitleStartingWithHead holds "U.S. District Judge NAME" a person with a title, not an
// organization "U.S. District".
func TestTitleStartingWithHead(t *testing.T) {
	x := mustFacts(t, "U.S. District Judge Harriet Lowell told both sides to be ready.")
	e, ok := entityNamed(x, "Harriet Lowell")
	require.True(t, ok)
	assert.Equal(t, facts.Person, e.Type)
	for _, e := range x.Entities {
		assert.NotEqual(t, facts.Organization, e.Type, e.Name)
	}
}

// TestOrganizationFields holds "Office for National Statistics" and "National Institute of
// Allergy and Infectious Diseases" one organization each, and "the French Navy for providing
// support" the French Navy.
func TestOrganizationFields(t *testing.T) {
	x := mustFacts(t, "The Office for National Statistics said inflation fell. The director of the National Institute of Allergy and Infectious Diseases agreed. She thanked the French Navy for providing support.")
	for _, name := range []string{"Office for National Statistics", "National Institute of Allergy and Infectious Diseases", "French Navy"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Organization, e.Type, name)
	}
}

// TestNameBeforeRole holds a name of two words before a lower-case role and a person ("Kelby
// United manager NAME") an organization, unless the role is a place's office
// (data/words/place_titles.txt: "Lac Verde mayor NAME").
func TestNameBeforeRole(t *testing.T) {
	x := mustFacts(t, "Kelby United manager Erik Lund said his side were unlucky. Lac Verde mayor Ana Lee urged residents to leave.")
	e, ok := entityNamed(x, "Kelby United")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
	e, ok = entityNamed(x, "Ana Lee")
	require.True(t, ok)
	assert.Equal(t, facts.Person, e.Type)
	if e, ok := entityNamed(x, "Lac Verde"); ok {
		assert.NotEqual(t, facts.Organization, e.Type)
	}
}

// TestArticleBeforeOneWord holds one capitalised word after "the" and before a speech verb an
// organization ("Sources at the Treasury said"), never a person.
func TestArticleBeforeOneWord(t *testing.T) {
	x := mustFacts(t, "Sources at the Exchequer said Chancellor Rachel Reeves would cut taxes. Chief Justice John Roberts wrote the order.")
	e, ok := entityNamed(x, "Exchequer")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
	e, ok = entityNamed(x, "John Roberts")
	require.True(t, ok)
	assert.Equal(t, "Chief Justice", e.Title)
}

// TestAgencyOfCountry holds a word or a head before a country's name ("Environment Canada",
// "Police Scotland") an organization, and "Has China …?" a question about China.
func TestAgencyOfCountry(t *testing.T) {
	x := mustFacts(t, "Environment Canada has issued a warning. Police Scotland said two men were held. Has China agreed?")
	for _, name := range []string{"Environment Canada", "Police Scotland"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Organization, e.Type, name)
	}
	e, ok := entityNamed(x, "China")
	require.True(t, ok)
	assert.Equal(t, facts.Country, e.Type)
}

// TestDefinedShortFormWins holds a short form the text defines ("Armed Forces of the
// Philippines (AFP)") that organization later, not the news agency the gazetteer knows by it.
func TestDefinedShortFormWins(t *testing.T) {
	x := mustFacts(t, "The Armed Forces of the Philippines (AFP) said the drills would begin. AFP spokesperson Col. Maria Dizon gave details.")
	for _, e := range x.Entities {
		assert.NotEqual(t, "Agence France-Presse", e.Name)
	}
}

// TestTeamsByScore holds one-word names beside a result word in a sentence with a score
// ("Kelby beat Orvik 2-1") teams, and names of two or three words that hold a city ("Real
// Madrid beat Bayern Munich 2-1"); players ("Ramirez beat Lopez 6-4" after "Ana Ramirez",
// "Ana Ramirez beat Marta Lopez") and countries stay what they are.
func TestTeamsByScore(t *testing.T) {
	x := mustFacts(t, "Kelby beat Orvik 2-1 on Saturday. Kelby manager Erik Lund praised his players.")
	for _, name := range []string{"Kelby", "Orvik"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Organization, e.Type, name)
	}
	x = mustFacts(t, "Ana Ramirez reached the final. Ramirez beat Lopez 6-4, 6-3 on Friday. Ana Ramirez beat Marta Lopez 6-4 later.")
	for _, e := range x.Entities {
		assert.NotEqual(t, facts.Organization, e.Type, e.Name)
	}
	x = mustFacts(t, "Real Madrid beat Bayern Munich 2-1 on Wednesday. France beat Italy 3-0.")
	for name, typ := range map[string]facts.EntityType{"Real Madrid": facts.Organization, "Bayern Munich": facts.Organization, "France": facts.Country} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, typ, e.Type, name)
	}
}

// TestGroupNounNoPerson holds a group noun that opens a sentence ("Prosecutors say",
// data/group_nouns.txt) no person.
func TestGroupNounNoPerson(t *testing.T) {
	x := mustFacts(t, "Prosecutors say the money was never returned.")
	for _, e := range x.Entities {
		assert.NotEqual(t, facts.Person, e.Type, e.Name)
	}
}

// TestHeadlineLabelsAndPapers holds a headline label before a colon ("UPDATE: …",
// data/words/headline_labels.txt) no dateline and no person, and a paper's name with a paper
// word ("Wiltshire Echo") an organization.
func TestHeadlineLabelsAndPapers(t *testing.T) {
	x := mustFacts(t, "UPDATE: Council approves new budget\nCouncillors in Swindon have approved a budget.\nCopyright 2026 Wiltshire Echo. All rights reserved.")
	_, ok := entityNamed(x, "Update")
	assert.False(t, ok)
	_, ok = entityNamed(x, "UPDATE")
	assert.False(t, ok)
	e, ok := entityNamed(x, "Wiltshire Echo")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
}

// TestTitleAfterSpeechVerb holds a title's modifier to words before it that are no speech verb:
// "The White House said President NAME would" gives the title "President".
func TestTitleAfterSpeechVerb(t *testing.T) {
	x := mustFacts(t, "The White House said President Ana Lee would sign it. Liberal Democrat leader Ed Davey objected.")
	e, ok := entityNamed(x, "Ana Lee")
	require.True(t, ok)
	assert.Equal(t, "President", e.Title)
	e, ok = entityNamed(x, "Ed Davey")
	require.True(t, ok)
	assert.Equal(t, facts.Person, e.Type)
}

// TestOrganizationNounApposition holds a name with an apposition whose noun is an
// organization's kind ("Walmart, the largest U.S. retailer,") an organization, and a person
// whose apposition names a role for one ("Paula Grant, a spokeswoman for the promoter,") a
// person.
func TestOrganizationNounApposition(t *testing.T) {
	x := mustFacts(t, "Kelbymart, the largest U.S. retailer, said sales rose 5%. Paula Grant, a spokeswoman for the promoter, said so. The California Highway Patrol said the road was closed.")
	for name, typ := range map[string]facts.EntityType{"Kelbymart": facts.Organization, "Paula Grant": facts.Person, "California Highway Patrol": facts.Organization} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, typ, e.Type, name)
	}
}

// TestPlaceBeforeCapitalisedTitle holds a state of the gazetteer before a title and a name
// ("Assam Chief Minister NAME") a location, the person's title that office.
func TestPlaceBeforeCapitalisedTitle(t *testing.T) {
	x := mustFacts(t, "Assam Chief Minister Himanta Biswa Sarma said crime fell.")
	e, ok := entityNamed(x, "Assam")
	require.True(t, ok)
	assert.Equal(t, facts.Location, e.Type)
	e, ok = entityNamed(x, "Himanta Biswa Sarma")
	require.True(t, ok)
	assert.Equal(t, "Assam Chief Minister", e.Title)
}

// TestCapitalInOrganizationName holds a capital that starts an organization's name ("Lisbon
// Commuters' Association") the city's: the name as written, the city a location, the country not
// named by it.
func TestCapitalInOrganizationName(t *testing.T) {
	x := mustFacts(t, "The Lisbon Commuters' Association said trains were late.")
	e, ok := entityNamed(x, "Lisbon Commuters' Association")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
	_, ok = entityNamed(x, "Portugal")
	assert.False(t, ok)
}

// TestCapitalAfterPlaceModifier holds a capital after "south of" a location, and a name before a
// plural place noun ("the Kelby moors") a place.
func TestCapitalAfterPlaceModifier(t *testing.T) {
	x := mustFacts(t, "The base lies south of Bangkok. It is 5 a.m. on the Kelby moors.")
	for _, name := range []string{"Bangkok", "Kelby"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Location, e.Type, name)
	}
}

// TestSaidItsSubject holds a one-word name before "said its" an organization, and a person's
// name there a person.
func TestSaidItsSubject(t *testing.T) {
	x := mustFacts(t, "Norvik said its new vaccine was approved. Jane Smith said its impact was small.")
	e, ok := entityNamed(x, "Norvik")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
	e, ok = entityNamed(x, "Jane Smith")
	require.True(t, ok)
	assert.Equal(t, facts.Person, e.Type)
}

// TestArticlePlaces holds two capitalised words after "at the" or with a compass word ("the
// High North") a place, and after another verb and "the" an organization.
func TestArticlePlaces(t *testing.T) {
	x := mustFacts(t, "The carrier sailed to the High North. They met at the Kelby Rooms. She told the Kieler Tageblatt so. A battery flew into Varnby air base.")
	for name, typ := range map[string]facts.EntityType{"High North": facts.Location, "Kelby Rooms": facts.Location, "Kieler Tageblatt": facts.Organization, "Varnby": facts.Location} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, typ, e.Type, name)
	}
}

// TestShipNameWithOf holds "HMS Prince of Wales" a ship's name whole: no place "Wales".
func TestShipNameWithOf(t *testing.T) {
	x := mustFacts(t, "HMS Prince of Wales sailed from Portsmouth on Monday.")
	_, ok := entityNamed(x, "Wales")
	assert.False(t, ok)
}

// TestDatelineEndingInFullStop holds "MOSCOW, December 5 (TASS). …" a dateline: the place a
// location, the agency an organization.
func TestDatelineEndingInFullStop(t *testing.T) {
	x := mustFacts(t, "KELBY, December 5 (Harbor Wire). Officials said the talks would resume.")
	e, ok := entityNamed(x, "KELBY")
	require.True(t, ok)
	assert.Equal(t, facts.Location, e.Type)
	e, ok = entityNamed(x, "Harbor Wire")
	require.True(t, ok)
	assert.Equal(t, facts.Organization, e.Type)
}

// TestPlaceShapes holds a gazetteer city before a place noun ("Ukraine's Donetsk region"), a
// city before any country ("Valencia, Spain", whose gazetteer Valencia is Venezuela's) and a
// region whose last word is an organization head ("the West Bank") locations.
func TestPlaceShapes(t *testing.T) {
	x := mustFacts(t, "Russian forces shelled Ukraine's Donetsk region overnight. Floods hit Valencia, Spain, killing 200 people. Clashes spread to the West Bank city of Jenin.")
	for _, name := range []string{"Donetsk", "Valencia", "West Bank"} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, facts.Location, e.Type, name)
	}
}

// TestCompassOpensPlace holds a run that opens with a compass word ("West Sussex") a place,
// even before a speech verb, and a name that ends with one ("Kanye West") a person.
func TestCompassOpensPlace(t *testing.T) {
	x := mustFacts(t, "Police in West Kelby said two men were held. West Varnby said nothing. Kanye West said so.")
	for name, typ := range map[string]facts.EntityType{"West Kelby": facts.Location, "West Varnby": facts.Location, "Kanye West": facts.Person} {
		e, ok := entityNamed(x, name)
		require.True(t, ok, name)
		assert.Equal(t, typ, e.Type, name)
	}
}

// TestDatelineAgencyNotSpeaker holds that the agency of a dateline reports and never speaks:
// "the company" after it is no agency, even with a relative clause after the noun.
func TestDatelineAgencyNotSpeaker(t *testing.T) {
	for _, text := range []string{
		"FRANKFURT, Oct 14 (Rhine Wire) - Output fell in May. The company said it would cut jobs.",
		"FRANKFURT, Oct 14 (Rhine Wire) - Output fell in May. The company, which employs 900 people, said it would cut jobs.",
	} {
		x := mustFacts(t, text)
		require.Len(t, x.Statements, 1, text)
		assert.Equal(t, "it would cut jobs.", x.Statements[0].Text, text)
		assert.NotEqual(t, "rhine-wire", x.Statements[0].SpeakerID, text)
	}
}

// TestInterviewLines holds a question-and-answer interview: "A:" lines are the person the text
// named first; "Q:" lines are no statements.
func TestInterviewLines(t *testing.T) {
	x := mustFacts(t, "Ana Ruiz, the new chief executive of Tern Air, spoke to the Tern Post.\nQ: Why did you take the job?\nA: Because the airline needs to grow again.")
	require.Len(t, x.Statements, 1)
	assert.Equal(t, "Because the airline needs to grow again.", x.Statements[0].Text)
	assert.Equal(t, "ana-ruiz", x.Statements[0].SpeakerID)
	assert.Equal(t, facts.Direct, x.Statements[0].Kind)
}

// TestBodySpokesmanIsNoOrganization holds "a police spokesman": the body's spokesman, not the
// last organization named.
func TestBodySpokesmanIsNoOrganization(t *testing.T) {
	x := mustFacts(t, "Acme Lines cut fares. Police are investigating, a police spokesman said.")
	require.Len(t, x.Statements, 1)
	assert.NotEqual(t, "acme-lines", x.Statements[0].SpeakerID)
}

// TestRoleOfAnotherTitle holds that a role ("the judge") is not the last speaker when that
// speaker's title is another ("manager").
func TestRoleOfAnotherTitle(t *testing.T) {
	x := mustFacts(t, "Tern Rovers manager Ivo Rand said the side had shown character.\nThe judge told Smith he had shown no remorse.")
	require.Len(t, x.Statements, 2)
	assert.Equal(t, "he had shown no remorse.", x.Statements[1].Text)
	assert.NotEqual(t, "ivo-rand", x.Statements[1].SpeakerID)
}
