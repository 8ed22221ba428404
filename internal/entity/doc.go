// Package entity resolves the names that the tagger finds in articles to
// entities across articles: "TTP", "Tehreek-i-Taliban Pakistan" and
// "Pakistani Taliban" are one organisation, "Khan" after "Prime Minister
// Imran Khan" is that person, "US" and "United States" one place with its
// country and coordinates.
//
// # Resolving
//
// A Resolver takes the mentions of one article at a time (Resolve) and
// accumulates entities (Entities). For each mention it
//
//  1. cleans the text: quotes, a possessive "'s" and a leading "the" go; for
//     a person, honorifics ("Mr", "Dr") go and the title before the name
//     ("Pentagon Press Secretary") becomes the mention's role, not a name;
//  2. computes the matching key (see Key): case, diacritics, punctuation,
//     transliteration connectors (-e-, -i-, -ul-, -al-) and vowel doublings
//     (ee, oo, aa) do not count;
//  3. looks the key up in the tables: the user's alias file, the built-in
//     aliases (data/builtin.aliases: recurring actors of every continent,
//     from Wikidata), countries with their names, short names
//     and ISO codes (codes only when written in capitals), nationality words
//     ("Pakistani", MISC entities that carry their country, not places) and
//     a gazetteer of cities with country and coordinates;
//  4. decides ambiguous names by context: a "split" name of the user's alias
//     file resolves to the sense whose cues the article co-mentions most.
//     Each cue counts once; a cue that is a country matches any mention in
//     that country (Kabul, Afghans); the sense's own entity counts as a
//     cue; the first sense wins ties. A word right before the name that
//     qualifies it (a nationality tagged apart) decides first. City names
//     that several places share resolve to the place in a country the article
//     mentions, unless the most populous one is ten times larger;
//  5. backs off person names within the article: a name that ends a fuller
//     name of the same article ("Khan", "Imran Khan"), or a single word that
//     starts one ("Imran"), is that person, the nearest fuller name before it
//     first. Across articles the full name is the key: a lone "Khan" in an
//     article without a fuller name is the person "Khan"; likewise one word
//     after "the" that ends exactly one organisation's name of the article
//     ("the Front", "Free Vena Front") is that organisation;
//  6. resolves organisations qualified by a country (qualify.go): a
//     nationality word or country before a name ("Pakistani Taliban",
//     "Nigerian Army") is the organisation of that country whose name,
//     without the country after it, ends with the name ("Tehreek-e-Taliban
//     Pakistan", "Army of Nigeria"): of the article, else of earlier
//     articles (a later full name takes over what the short form made);
//     else, for a name of one word the article also uses alone, that name
//     ("Afghan Taliban" and "Taliban"). A name of several words alone is
//     the full name with its country in the article ("the
//     Tehreek-e-Taliban"). Such short forms never name the entity;
//  7. resolves acronyms: a definition in parentheses ("Tehreek-i-Taliban
//     Pakistan (TTP)" or "TTP (Tehreek-i-Taliban Pakistan)") is the strongest
//     signal and holds for every later article; else a long form of the same
//     article whose initials the acronym is; else an earlier definition;
//  8. otherwise resolves the mention to the entity that its type and key
//     name. Names of different types stay apart ("Washington" the person and
//     the place), except where the tables give the type: tables resolve
//     "Islamabad" tagged ORG (the government) to the city.
//
// # IDs and names
//
// Entity IDs are "per-", "org-", "loc-" or "misc-" and a slug of the name:
// "org-tehreek-e-taliban-pakistan", "per-imran-khan", "loc-kabul-af" (cities
// carry their country code). They depend on the names only, not on the order
// in which articles arrive: a table entity's ID comes from its table name, any
// other entity's from the spelling of its key that sorts first. When an
// acronym's definition arrives after bare mentions of it, or a spelling that
// sorts first arrives after another, the entity takes the new ID and
// Redirects reports the old one, so that a store can rewrite mentions.
//
// An entity's name is the user's rename, else the table's name, else its
// most frequent full form (a person's name of two words or more, another name
// that is not an acronym). Aliases are its other forms, alphabetically; Roles
// the titles written with a person, most frequent first.
//
// # Restarting
//
// Options.Entities restores what Entities returned in an earlier run: IDs,
// names, types, aliases, roles, places and counts, and the acronyms that
// aliases define. A restored name stays the name until a new full form has
// been seen more often than the entity's mentions at restart; the counts of
// single aliases and which articles were resolved are not kept, so after a
// restart resolving an article already counted counts it again.
//
// # Alias file
//
// The user's alias file is plain UTF-8 text, one directive a line, read by
// NewResolver and followed by every resolution after. Blank lines are
// ignored; a # at the start of a line or after a space starts a comment.
// Separators (=, |, +, ->) need a space on each side, so names may hold
// them otherwise ("C++", "Tehreek-e-Taliban"). Names are matched by Key.
//
//	alias  NAME = ALIAS | ALIAS ...    ALIASes are other names of NAME
//	merge  NAME + NAME ...             the entities are one, named by the first
//	split  NAME -> SENSE [CUE, CUE] | SENSE [CUE] ...
//	                                   NAME is ambiguous: each mention goes to
//	                                   the SENSE whose CUEs the article
//	                                   co-mentions most, the first by default
//	rename OLD -> NEW                  the entity of OLD is called NEW (its ID
//	                                   follows the new name)
//	type   NAME = PER|ORG|LOC|MISC     the entity has this type, whatever the
//	                                   tagger said; it also joins mentions of
//	                                   NAME tagged with different types
//
// Directives apply in order, after the built-in ones, which they can undo
// (an alias or merge of a split name makes it unambiguous). A name that is not
// known yet makes a new entity; a name the gazetteer knows keeps its
// coordinates. LoadAliases reports every bad line as file:line: message, and
// (*Aliases).Save rewrites the file atomically, keeping comments.
//
// # Data
//
// The tables ship inside the binary; nothing is downloaded at run time. See
// README.md for their sources and licences and gen/ for rebuilding them.
package entity
