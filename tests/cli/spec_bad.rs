//! Specs that must be refused, each with the exact text of every problem it
//! must report (`PATH:LINE:COL: message`, one line per problem). Read as a
//! user would: each message points at the key or value it is about and says
//! how to fix it.

use crate::common;

use common::Home;
use nook::spec::parse_str;

struct Bad {
    what: &'static str,
    text: &'static str,
    /// Every line `nook check` prints for the file.
    expect: &'static str,
}

fn report(text: &str) -> String {
    match parse_str("apps/x.ron", text) {
        Ok(spec) => format!("(parsed: {spec:?})"),
        Err(e) => e.to_string(),
    }
}

const BAD: &[Bad] = &[
    // ---- syntax ----
    Bad {
        what: "a comma is missing between keys",
        text: r#"List(name: "Groceries" icon: "🛒")"#,
        expect: "apps/x.ron:1:24: a ',' is missing before `icon`",
    },
    Bad {
        what: "a comma is missing at a line end",
        text: "List(\n    name: \"Groceries\",\n    icon: \"🛒\"\n    tags: [\"food\"],\n)",
        expect: "apps/x.ron:4:5: a ',' is missing before `tags`",
    },
    Bad {
        what: "the file ends inside the spec",
        text: "List(\n    name: \"Groceries\",\n",
        expect: "apps/x.ron:1:5: this '(' is never closed",
    },
    Bad {
        what: "a list closed with the wrong bracket",
        text: r#"List(name: "Groceries", tags: ["a", "b")"#,
        expect: "apps/x.ron:1:40: expected ',' or ']', found ')'",
    },
    Bad {
        what: "one ')' too many",
        text: r#"List(name: "Groceries"))"#,
        expect: "apps/x.ron:1:24: unexpected ')': no bracket is open here for it to close",
    },
    Bad {
        what: "text in single quotes",
        text: "List(name: 'Groceries')",
        expect: r#"apps/x.ron:1:12: text is written in double quotes: "Groceries""#,
    },
    Bad {
        what: "unterminated text",
        text: r#"List(name: "Groceries)"#,
        expect: r#"apps/x.ron:1:12: unterminated text: a closing " is missing"#,
    },
    Bad {
        what: "unterminated block comment",
        text: r#"List(name: "x") /* never closed"#,
        expect: "apps/x.ron:1:17: unterminated comment: a closing */ is missing",
    },
    Bad {
        what: "a key without its colon",
        text: r#"List(name "Groceries")"#,
        expect: r#"apps/x.ron:1:11: expected ':' after the key `name`, found the text "Groceries""#,
    },
    Bad {
        what: "a key without its value",
        text: r#"List(name: "x", icon: )"#,
        expect: "apps/x.ron:1:23: expected a value before ')'",
    },
    Bad {
        what: "a list without commas",
        text: r#"List(name: "x", tags: ["a" "b"])"#,
        expect: r#"apps/x.ron:1:28: a ',' is missing before the text "b""#,
    },
    Bad {
        what: "two specs in one file",
        text: "List(name: \"x\")\nList(name: \"y\")",
        expect: "apps/x.ron:2:1: expected the end of the file after the spec, found `List`",
    },
    Bad {
        what: "a value where a key belongs",
        text: r#"List(name: "x", 1)"#,
        expect: "apps/x.ron:1:17: expected a key such as `name:`, found the number 1",
    },
    Bad {
        what: "a duration without quotes",
        text: r#"Timer(name: "Tea", phases: [(name: "Steep", length: 4m)])"#,
        expect: r#"apps/x.ron:1:53: `4m` is not a number; a duration is text in quotes: "4m""#,
    },
    Bad {
        what: "a number with two signs",
        text: r#"Timer(name: "x", rounds: --5)"#,
        expect: "apps/x.ron:1:26: `--5` is not a number",
    },
    Bad {
        what: "a number too large",
        text: r#"Timer(name: "x", rounds: 1e999)"#,
        expect: "apps/x.ron:1:26: `1e999` is too large a number",
    },
    Bad {
        what: "a stray character",
        text: r#"List(name: "x", @)"#,
        expect: "apps/x.ron:1:17: unexpected character '@'",
    },
    Bad {
        what: "an attribute after the start of the file",
        text: "List(name: \"x\")\n#![enable(implicit_some)]",
        expect: "apps/x.ron:2:1: a #![...] attribute goes at the start of the file, before the spec",
    },
    Bad {
        what: "an extension RON does not know",
        text: "#![enable(implicit_sum)]\nList(name: \"x\")",
        expect: "apps/x.ron:1:11: unknown RON extension `implicit_sum`; RON knows unwrap_newtypes, implicit_some, unwrap_variant_newtypes, explicit_struct_names",
    },
    Bad {
        what: "a Rust attribute",
        text: "#[derive(Debug)]\nList(name: \"x\")",
        expect: "apps/x.ron:1:1: an attribute is written #![enable(implicit_some)], at the start of the file",
    },
    Bad {
        what: "a hex prefix in capitals",
        text: "Tracker(name: \"x\", goal: Daily(0X1F))",
        expect: "apps/x.ron:1:32: `0X1F` is not a number",
    },
    Bad {
        what: "a no-break space between key and value",
        text: "List(name:\u{a0}\"x\")",
        expect: "apps/x.ron:1:11: a no-break space (U+00A0), which RON does not read as space: type a plain space",
    },
    Bad {
        what: "a byte order mark in the middle",
        text: "List(name: \"x\",\n\u{feff}icon: \"y\")",
        expect: "apps/x.ron:2:1: a byte order mark (U+FEFF) in the middle of the file: delete it",
    },
    Bad {
        what: "a byte string",
        text: "List(name: b\"x\")",
        expect: "apps/x.ron:1:12: a byte string (b\"...\") or byte (b'.'); a spec holds text: write it \"like this\"",
    },
    Bad {
        what: "a raw identifier",
        text: "List(r#name: \"x\")",
        expect: "apps/x.ron:1:6: `r#name` is a raw identifier, which specs do not use: write `name`",
    },
    Bad {
        what: "a \\x escape short of two digits",
        text: r#"List(name: "\x4")"#,
        expect: r#"apps/x.ron:1:13: a \x escape is two hex digits: \x41"#,
    },
    Bad {
        what: "an unknown escape",
        text: r#"List(name: "x", icon: "\q")"#,
        expect: r#"apps/x.ron:1:24: unknown escape; use \n, \t, \", \\ or \u{...}"#,
    },
    Bad {
        what: "an empty file",
        text: "",
        expect: r#"apps/x.ron:1:1: the file is empty; write a spec such as List(name: "Groceries")"#,
    },
    Bad {
        what: "only comments",
        text: "// Groceries, to do\n/* later */\n",
        expect: r#"apps/x.ron:1:1: the file holds only comments; write a spec such as List(name: "Groceries")"#,
    },
    // ---- unknown ----
    Bad {
        what: "a misspelt key",
        text: "List(\n    name: \"Reading\",\n    feilds: {},\n)",
        expect: "apps/x.ron:3:5: unknown key 'feilds' in List, did you mean 'fields'?",
    },
    Bad {
        what: "a key of no kind",
        text: r#"List(name: "x", colour: "red")"#,
        expect: "apps/x.ron:1:17: unknown key 'colour' in List; it takes name, id, icon, description, tags, group, expires, fields, view, sort, summary, decimal, show, chart, repeat, repeat_from, views",
    },
    Bad {
        what: "a key of another kind",
        text: r#"Tracker(name: "x", phases: [(name: "a", length: "5m")])"#,
        expect: "apps/x.ron:1:20: unknown key 'phases' in Tracker; 'phases' is a key of Timer",
    },
    Bad {
        what: "a key of two other kinds",
        text: r#"List(name: "x", goal: Daily(3))"#,
        expect: "apps/x.ron:1:17: unknown key 'goal' in List; 'goal' is a key of Timer and Tracker",
    },
    Bad {
        what: "a misspelt kind",
        text: r#"Lst(name: "x")"#,
        expect: "apps/x.ron:1:1: unknown kind 'Lst', did you mean 'List'?",
    },
    Bad {
        what: "a kind by another name",
        text: r#"Habit(name: "Floss")"#,
        expect: "apps/x.ron:1:1: unknown kind 'Habit', did you mean 'Tracker'?",
    },
    Bad {
        what: "an unknown kind",
        text: r#"Spreadsheet(name: "x")"#,
        expect: "apps/x.ron:1:1: unknown kind 'Spreadsheet'; a spec is a List, Timer or Tracker",
    },
    Bad {
        what: "a misspelt field type",
        text: r#"List(name: "x", fields: { "title": Txt })"#,
        expect: r#"apps/x.ron:1:36: field "title": unknown type 'Txt', did you mean 'Text'?"#,
    },
    Bad {
        what: "an unknown field type",
        text: r#"List(name: "x", fields: { "title": Strng })"#,
        expect: r#"apps/x.ron:1:36: field "title": unknown type 'Strng'; types are Text, Number, Money, Bool, Choice, Tags, Date, DateTime, Duration, Rating, Url, Email, Phone, Percent, Time, Formula, Link, Rollup"#,
    },
    Bad {
        what: "a key of another field type",
        text: r#"List(name: "x", fields: { "title": Text(min: 1) })"#,
        expect: r#"apps/x.ron:1:41: field "title": unknown key 'min' in Text; 'min' is a key of Number"#,
    },
    Bad {
        what: "a key of two other field types",
        text: r#"List(name: "x", fields: { "n": Number(options: ["a"]) })"#,
        expect: r#"apps/x.ron:1:39: field "n": unknown key 'options' in Number; 'options' is a key of Choice and Tags"#,
    },
    Bad {
        what: "a misspelt view",
        text: r#"List(name: "x", view: Bord(by: "status"))"#,
        expect: "apps/x.ron:1:23: unknown view 'Bord', did you mean 'Board'?",
    },
    Bad {
        what: "a view by another name",
        text: r#"List(name: "x", fields: { "s": Choice(options: ["a"]) }, view: Kanban(by: "s"))"#,
        expect: "apps/x.ron:1:64: unknown view 'Kanban', did you mean 'Board'?",
    },
    Bad {
        what: "a misspelt summary",
        text: r#"List(name: "x", summary: [Cuont])"#,
        expect: "apps/x.ron:1:27: unknown summary 'Cuont', did you mean 'Count'?",
    },
    Bad {
        what: "an unknown summary",
        text: r#"List(name: "x", summary: [Total])"#,
        expect: "apps/x.ron:1:27: unknown summary 'Total'; use Count, Done, Sum, Avg, Min or Max",
    },
    Bad {
        what: "a misspelt period",
        text: r#"Tracker(name: "x", goal: Dialy(3))"#,
        expect: "apps/x.ron:1:26: unknown period 'Dialy' in 'goal', did you mean 'Daily'?",
    },
    Bad {
        what: "an unknown period",
        text: r#"Tracker(name: "x", goal: Hourly(3))"#,
        expect: "apps/x.ron:1:26: 'goal' expects Daily(n), Weekly(n), Monthly(n) or Yearly(n), found `Hourly(...)`",
    },
    Bad {
        what: "a misspelt key of a phase",
        text: r#"Timer(name: "x", phases: [(name: "Focus", lenght: "25m")])"#,
        expect: "apps/x.ron:1:43: unknown key 'lenght' in a phase, did you mean 'length'?",
    },
    Bad {
        what: "a misspelt key of Board",
        text: r#"List(name: "x", fields: { "s": Choice(options: ["a"]) }, view: Board(column: "s"))"#,
        expect: "apps/x.ron:1:70: unknown key 'column' in Board; it takes by",
    },
    // ---- type ----
    Bad {
        what: "no name",
        text: r#"List(icon: "📚")"#,
        expect: r#"apps/x.ron:1:1: List needs a name, e.g. List(name: "My app")"#,
    },
    Bad {
        what: "a kind alone",
        text: "Tracker",
        expect: r#"apps/x.ron:1:1: Tracker needs a name, e.g. Tracker(name: "My app")"#,
    },
    Bad {
        what: "a name that is a number",
        text: "List(name: 3)",
        expect: "apps/x.ron:1:12: 'name' expects text in double quotes, found the number 3",
    },
    Bad {
        what: "a blank name",
        text: r#"List(name: "   ")"#,
        expect: "apps/x.ron:1:12: 'name' must not be empty",
    },
    Bad {
        what: "a name without quotes",
        text: "List(name: Groceries)",
        expect: r#"apps/x.ron:1:12: 'name' expects text in double quotes, e.g. "Groceries""#,
    },
    Bad {
        what: "a name without its key",
        text: r#"List("Groceries")"#,
        expect: r#"apps/x.ron:1:6: List takes named keys: write List(name: "Groceries")"#,
    },
    Bad {
        what: "no kind at all",
        text: r#""Groceries""#,
        expect: r#"apps/x.ron:1:1: a spec starts with List, Timer or Tracker, e.g. List(name: "Groceries"), found the text "Groceries""#,
    },
    Bad {
        what: "tags as text",
        text: r#"List(name: "x", tags: "food")"#,
        expect: r#"apps/x.ron:1:23: 'tags' expects a list in [brackets], found the text "food""#,
    },
    Bad {
        what: "a tag twice",
        text: r#"List(name: "x", tags: ["food", "food"])"#,
        expect: r#"apps/x.ron:1:32: "food" appears twice in 'tags'"#,
    },
    Bad {
        what: "required as text",
        text: r#"List(name: "x", fields: { "t": Text(required: "yes") })"#,
        expect: r#"apps/x.ron:1:47: field "t": 'required' expects true or false, found the text "yes""#,
    },
    Bad {
        what: "true in quotes",
        text: r#"List(name: "x", fields: { "t": Text(required: "true") })"#,
        expect: r#"apps/x.ron:1:47: field "t": 'required' expects true or false without quotes: true"#,
    },
    Bad {
        what: "a number in quotes",
        text: r#"Timer(name: "x", phases: [(name: "a", length: "1m")], rounds: "4")"#,
        expect: "apps/x.ron:1:63: 'rounds' expects a number without quotes: 4",
    },
    Bad {
        what: "rounds of 0",
        text: r#"Timer(name: "x", phases: [(name: "a", length: "1m")], rounds: 0)"#,
        expect: "apps/x.ron:1:63: 'rounds' expects a whole number from 1 to 100, found 0",
    },
    Bad {
        what: "fractional rounds",
        text: r#"Timer(name: "x", phases: [(name: "a", length: "1m")], rounds: 2.5)"#,
        expect: "apps/x.ron:1:63: 'rounds' expects a whole number from 1 to 100, found 2.5",
    },
    Bad {
        what: "a field name without quotes",
        text: r#"List(name: "x", fields: { title: Text })"#,
        expect: r#"apps/x.ron:1:27: a field name is text in double quotes: "title""#,
    },
    Bad {
        what: "an empty field name",
        text: r#"List(name: "x", fields: { "": Text })"#,
        expect: "apps/x.ron:1:27: a field name must not be empty",
    },
    Bad {
        what: "a field type in quotes",
        text: r#"List(name: "x", fields: { "title": "Text" })"#,
        expect: r#"apps/x.ron:1:36: field "title": write the type without quotes: Text"#,
    },
    Bad {
        what: "a field type that is a number",
        text: r#"List(name: "x", fields: { "t": 3 })"#,
        expect: r#"apps/x.ron:1:32: field "t": expected a type such as Text or Number(min: 0), found the number 3"#,
    },
    Bad {
        what: "a field type with positional values",
        text: r#"List(name: "x", fields: { "s": Choice("a", "b") })"#,
        expect: r#"apps/x.ron:1:32: field "s": Choice takes named keys, e.g. Choice(options: ["a", "b"])"#,
    },
    Bad {
        what: "fields as a list",
        text: r#"List(name: "x", fields: ["title"])"#,
        expect: r#"apps/x.ron:1:25: 'fields' expects a map such as { "title": Text }, found a list `[...]`"#,
    },
    Bad {
        what: "a view in quotes",
        text: r#"List(name: "x", view: "Board")"#,
        expect: "apps/x.ron:1:23: write the view without quotes: Board",
    },
    Bad {
        what: "Board without a key",
        text: r#"List(name: "x", view: Board("status"))"#,
        expect: r#"apps/x.ron:1:23: Board takes named keys: write Board(by: "status")"#,
    },
    Bad {
        what: "phases as one group",
        text: r#"Timer(name: "x", phases: (name: "Focus", length: "25m"))"#,
        expect: "apps/x.ron:1:26: 'phases' expects a list in [brackets], found a `(...)` group",
    },
    Bad {
        what: "a phase as bare text",
        text: r#"Timer(name: "x", phases: ["25m"])"#,
        expect: r#"apps/x.ron:1:27: a phase is written (name: "Focus", length: "25m"), found the text "25m""#,
    },
    // ---- duplicate ----
    Bad {
        what: "a key twice",
        text: r#"List(name: "x", name: "y")"#,
        expect: "apps/x.ron:1:17: 'name' is given twice in List",
    },
    Bad {
        what: "a field twice",
        text: r#"List(name: "x", fields: { "t": Text, "t": Bool })"#,
        expect: r#"apps/x.ron:1:38: the field "t" is defined twice"#,
    },
    Bad {
        what: "a field key twice",
        text: r#"List(name: "x", fields: { "t": Text(required: true, required: false) })"#,
        expect: r#"apps/x.ron:1:53: field "t": 'required' is given twice in Text"#,
    },
    Bad {
        what: "an option twice",
        text: r#"List(name: "x", fields: { "s": Choice(options: ["to do", "to do"]) })"#,
        expect: r#"apps/x.ron:1:58: field "s": "to do" appears twice in 'options'"#,
    },
    Bad {
        what: "a series twice",
        text: r#"Tracker(name: "x", series: ["Read", "Read"])"#,
        expect: r#"apps/x.ron:1:37: "Read" appears twice in 'series'"#,
    },
    // ---- id ----
    Bad {
        what: "an id with '/'",
        text: r#"List(name: "x", id: "a/b")"#,
        expect: r#"apps/x.ron:1:21: 'id' must not contain '/'; try "a-b""#,
    },
    Bad {
        what: "an id that climbs out",
        text: r#"List(name: "x", id: "../etc")"#,
        expect: r#"apps/x.ron:1:21: 'id' must not contain '/'; try "etc""#,
    },
    Bad {
        what: "an id of '..'",
        text: r#"List(name: "x", id: "..")"#,
        expect: "apps/x.ron:1:21: 'id' must not contain '..'",
    },
    Bad {
        what: "an empty id",
        text: r#"List(name: "x", id: "")"#,
        expect: "apps/x.ron:1:21: 'id' must not be empty",
    },
    Bad {
        what: "an id with a space",
        text: r#"List(name: "x", id: "Hello World")"#,
        expect: r#"apps/x.ron:1:21: 'id' must not contain ' '; try "hello-world""#,
    },
    Bad {
        what: "an id starting with '-'",
        text: r#"List(name: "x", id: "-x")"#,
        expect: r#"apps/x.ron:1:21: 'id' must start with a letter or digit; try "x""#,
    },
    Bad {
        what: "an id that is a number",
        text: r#"List(name: "x", id: 7)"#,
        expect: "apps/x.ron:1:21: 'id' expects text in double quotes, found the number 7",
    },
    // ---- duration ----
    Bad {
        what: "a duration without unit",
        text: r#"Timer(name: "x", phases: [(name: "Focus", length: "25")])"#,
        expect: r#"apps/x.ron:1:51: 'length': "25" needs a unit (h, m or s), e.g. "25m""#,
    },
    Bad {
        what: "a duration in words",
        text: r#"Timer(name: "x", phases: [(name: "Focus", length: "25 minutes")])"#,
        expect: r#"apps/x.ron:1:51: 'length': "25 minutes" is not a duration; write it like "25m", "1h30m" or "90s""#,
    },
    Bad {
        what: "a zero duration",
        text: r#"Timer(name: "x", phases: [(name: "Focus", length: "0m")])"#,
        expect: r#"apps/x.ron:1:51: 'length': "0m" is zero; a duration must be longer than that"#,
    },
    Bad {
        what: "a duration over a year",
        text: r#"Timer(name: "x", phases: [(name: "Focus", length: "400d")])"#,
        expect: r#"apps/x.ron:1:51: 'length': "400d" is longer than a year"#,
    },
    Bad {
        what: "a duration as a number",
        text: r#"Timer(name: "x", phases: [(name: "Focus", length: 25)])"#,
        expect: r#"apps/x.ron:1:51: 'length' expects a duration in quotes with a unit, e.g. "25m""#,
    },
    Bad {
        what: "an empty duration",
        text: r#"Timer(name: "x", phases: [(name: "Focus", length: "")])"#,
        expect: r#"apps/x.ron:1:51: 'length': a duration can't be empty; write it like "25m", "1h30m" or "90s""#,
    },
    Bad {
        what: "a long_break that is no duration",
        text: "Timer(\n    name: \"x\",\n    phases: [(name: \"Focus\", length: \"25m\"), (name: \"Break\", length: \"5m\")],\n    long_break: \"soon\",\n)",
        expect: r#"apps/x.ron:4:17: 'long_break': "soon" is not a duration; write it like "25m", "1h30m" or "90s""#,
    },
    Bad {
        what: "a phase without length",
        text: r#"Timer(name: "x", phases: [(name: "Focus")])"#,
        expect: r#"apps/x.ron:1:27: a phase needs a length, e.g. length: "25m""#,
    },
    // ---- date ----
    Bad {
        what: "a month 13",
        text: r#"List(name: "x", expires: "2026-13-01")"#,
        expect: r#"apps/x.ron:1:26: 'expires' "2026-13-01" is no day of the calendar"#,
    },
    Bad {
        what: "a date the other way round",
        text: r#"List(name: "x", expires: "31.12.2026")"#,
        expect: r#"apps/x.ron:1:26: 'expires' expects a date written "YYYY-MM-DD", e.g. "2026-12-31", found "31.12.2026""#,
    },
    Bad {
        what: "a day that does not exist",
        text: r#"List(name: "x", expires: "2026-02-30")"#,
        expect: r#"apps/x.ron:1:26: 'expires' "2026-02-30" is no day of the calendar"#,
    },
    Bad {
        what: "a date as a number",
        text: r#"List(name: "x", expires: 2026)"#,
        expect: "apps/x.ron:1:26: 'expires' expects text in double quotes, found the number 2026",
    },
    // ---- goal ----
    Bad {
        what: "a goal of 0",
        text: r#"Tracker(name: "x", goal: Daily(0))"#,
        expect: "apps/x.ron:1:32: a goal of 0 is always met; use a number above 0, e.g. Daily(8)",
    },
    Bad {
        what: "a negative goal",
        text: r#"Tracker(name: "x", unit: "glasses", goal: Daily(-2))"#,
        expect: "apps/x.ron:1:49: a goal can't be negative, found -2; use a number above 0, e.g. Daily(8)",
    },
    Bad {
        what: "Weekly(9) for a yes/no habit",
        text: r#"Tracker(name: "Stretch", goal: Weekly(9))"#,
        expect: r#"apps/x.ron:1:39: a yes/no habit counts days, so Weekly takes a whole number up to 7, found 9; add unit: "..." to track an amount"#,
    },
    Bad {
        what: "half a day for a yes/no habit",
        text: r#"Tracker(name: "x", goal: Daily(0.5))"#,
        expect: r#"apps/x.ron:1:32: a yes/no habit counts days, so Daily takes a whole number up to 1, found 0.5; add unit: "..." to track an amount"#,
    },
    Bad {
        what: "a negative limit",
        text: r#"Tracker(name: "x", unit: "cups", limit: Daily(-1))"#,
        expect: "apps/x.ron:1:47: a limit can't be negative, found -1; use 0 or more, e.g. Daily(2)",
    },
    Bad {
        what: "a period without its number",
        text: r#"Tracker(name: "Water", icon: "💧", unit: "glasses", goal: Daily)"#,
        expect: "apps/x.ron:1:58: Daily expects a number, e.g. Daily(8)",
    },
    Bad {
        what: "a goal number in quotes",
        text: r#"Tracker(name: "x", goal: Daily("8"))"#,
        expect: "apps/x.ron:1:32: Daily expects a number without quotes: Daily(8)",
    },
    Bad {
        what: "a goal of 0 inside Some(...)",
        text: r#"Tracker(name: "x", goal: Some(Daily(0)))"#,
        expect: "apps/x.ron:1:37: a goal of 0 is always met; use a number above 0, e.g. Daily(8)",
    },
    Bad {
        what: "a goal with two numbers",
        text: r#"Tracker(name: "x", unit: "l", goal: Daily(8, 9))"#,
        expect: "apps/x.ron:1:46: Daily takes one number, e.g. Daily(8)",
    },
    Bad {
        what: "a goal without its period",
        text: r#"Tracker(name: "x", goal: 8)"#,
        expect: "apps/x.ron:1:26: 'goal' expects Daily(n), Weekly(n), Monthly(n) or Yearly(n), found the number 8",
    },
    Bad {
        what: "a timer goal of 0",
        text: r#"Timer(name: "x", phases: [(name: "a", length: "1m")], goal: Daily(0))"#,
        expect: "apps/x.ron:1:67: a goal of 0 is always met; use a number above 0, e.g. Daily(8)",
    },
    Bad {
        what: "goal and limit together",
        text: r#"Tracker(name: "x", unit: "cups", goal: Daily(3), limit: Daily(5))"#,
        expect: "apps/x.ron:1:50: a tracker has a goal (at least) or a limit (at most), not both",
    },
    // ---- field ----
    Bad {
        what: "Choice without options",
        text: r#"List(name: "x", fields: { "status": Choice })"#,
        expect: r#"apps/x.ron:1:37: field "status": Choice needs options, e.g. Choice(options: ["to do", "done"])"#,
    },
    Bad {
        what: "Choice with empty options",
        text: r#"List(name: "x", fields: { "status": Choice(options: []) })"#,
        expect: r#"apps/x.ron:1:53: field "status": Choice needs options, e.g. Choice(options: ["to do", "done"])"#,
    },
    Bad {
        what: "a default not among the options",
        text: r#"List(name: "x", fields: { "status": Choice(options: ["to do", "done"], default: "doing") })"#,
        expect: r#"apps/x.ron:1:81: field "status": 'default' "doing" is not among the options, did you mean "done"?"#,
    },
    Bad {
        what: "a default far from every option",
        text: r#"List(name: "x", fields: { "status": Choice(options: ["to do", "done"], default: "later") })"#,
        expect: r#"apps/x.ron:1:81: field "status": 'default' "later" is not among the options "to do", "done""#,
    },
    Bad {
        what: "a Choice default that is a number",
        text: r#"List(name: "x", fields: { "status": Choice(options: ["a", "b"], default: 1) })"#,
        expect: r#"apps/x.ron:1:74: field "status": 'default' expects text in double quotes, found the number 1"#,
    },
    Bad {
        what: "a Number default that is text",
        text: r#"List(name: "x", fields: { "pages": Number(default: "many") })"#,
        expect: r#"apps/x.ron:1:52: field "pages": 'default' expects a number, found the text "many""#,
    },
    Bad {
        what: "a Number default in quotes",
        text: r#"List(name: "x", fields: { "pages": Number(default: "12") })"#,
        expect: r#"apps/x.ron:1:52: field "pages": 'default' expects a number without quotes: 12"#,
    },
    Bad {
        what: "a default below min",
        text: r#"List(name: "x", fields: { "pages": Number(min: 1, default: 0) })"#,
        expect: r#"apps/x.ron:1:60: field "pages": 'default' must be at least 1, found 0"#,
    },
    Bad {
        what: "max below min",
        text: r#"List(name: "x", fields: { "pages": Number(min: 5, max: 1) })"#,
        expect: r#"apps/x.ron:1:56: field "pages": 'max' 1 is below 'min' 5"#,
    },
    Bad {
        what: "a Bool default as text",
        text: r#"List(name: "x", fields: { "owned": Bool(default: "yes") })"#,
        expect: r#"apps/x.ron:1:50: field "owned": 'default' expects true or false, found the text "yes""#,
    },
    Bad {
        what: "Now for a Date",
        text: r#"List(name: "x", fields: { "due": Date(default: Now) })"#,
        expect: r#"apps/x.ron:1:48: field "due": 'default' expects Today or a date written "YYYY-MM-DD", found `Now`"#,
    },
    Bad {
        what: "a Date default in words",
        text: r#"List(name: "x", fields: { "due": Date(default: "tomorrow") })"#,
        expect: r#"apps/x.ron:1:48: field "due": 'default' expects Today or a date written "YYYY-MM-DD", found "tomorrow""#,
    },
    Bad {
        what: "a Date default that is no day",
        text: r#"List(name: "x", fields: { "due": Date(default: "2026-02-31") })"#,
        expect: r#"apps/x.ron:1:48: field "due": 'default' "2026-02-31" is no day of the calendar"#,
    },
    Bad {
        what: "Today for a DateTime",
        text: r#"List(name: "x", fields: { "at": DateTime(default: Today) })"#,
        expect: r#"apps/x.ron:1:51: field "at": 'default' expects Now or a date and time written "YYYY-MM-DD HH:MM", found `Today`"#,
    },
    Bad {
        what: "a Duration default without unit",
        text: r#"List(name: "x", fields: { "t": Duration(default: 30) })"#,
        expect: r#"apps/x.ron:1:50: field "t": 'default' expects a duration in quotes with a unit, e.g. "30m""#,
    },
    Bad {
        what: "a Url default that is no address",
        text: r#"List(name: "x", fields: { "u": Url(default: "nope") })"#,
        expect: r#"apps/x.ron:1:45: field "u": 'default' expects a web address such as "https://example.com", found "nope""#,
    },
    Bad {
        what: "a Tags default not among the options",
        text: r#"List(name: "x", fields: { "t": Tags(options: ["a", "b"], default: ["a", "c"]) })"#,
        expect: r#"apps/x.ron:1:73: field "t": 'default' tag "c" is not among the options "a", "b""#,
    },
    Bad {
        what: "a Rating default above max",
        text: r#"List(name: "x", fields: { "r": Rating(max: 5, default: 6) })"#,
        expect: r#"apps/x.ron:1:56: field "r": 'default' expects a whole number from 0 to 5, found 6"#,
    },
    Bad {
        what: "an empty rename hint",
        text: r#"List(name: "x", fields: { "t": Text(was: "") })"#,
        expect: r#"apps/x.ron:1:42: field "t": 'was' must not be empty"#,
    },
    Bad {
        what: "a rename from a field that is still there",
        text: r#"List(name: "x", fields: { "a": Text, "b": Text(was: "a") })"#,
        expect: r#"apps/x.ron:1:53: the field "b" says it was "a", but "a" is still a field; `was:` names a field that is gone"#,
    },
    Bad {
        what: "two fields renamed from one",
        text: r#"List(name: "x", fields: { "b": Text(was: "a"), "c": Text(was: "a") })"#,
        expect: r#"apps/x.ron:1:63: the fields "b" and "c" both say they were "a"; only one can take its values"#,
    },
    Bad {
        what: "Rating max above 10",
        text: r#"List(name: "x", fields: { "r": Rating(max: 11) })"#,
        expect: r#"apps/x.ron:1:44: field "r": 'max' expects a whole number from 1 to 10, found 11"#,
    },
    Bad {
        what: "Rating max of 0",
        text: r#"List(name: "x", fields: { "r": Rating(max: 0) })"#,
        expect: r#"apps/x.ron:1:44: field "r": 'max' expects a whole number from 1 to 10, found 0"#,
    },
    Bad {
        what: "decimals above 6",
        text: r#"List(name: "x", fields: { "n": Number(decimals: 7) })"#,
        expect: r#"apps/x.ron:1:49: field "n": 'decimals' expects a whole number from 0 to 6, found 7"#,
    },
    Bad {
        what: "negative decimals",
        text: r#"List(name: "x", fields: { "n": Number(decimals: -1) })"#,
        expect: r#"apps/x.ron:1:49: field "n": 'decimals' expects a whole number from 0 to 6, found -1"#,
    },
    // ---- reference ----
    Bad {
        what: "sort by a misspelt field",
        text: r#"List(name: "x", fields: { "title": Text }, sort: ["-titel"])"#,
        expect: r#"apps/x.ron:1:51: 'sort' names no field "titel", did you mean "title"?"#,
    },
    Bad {
        what: "sort by a misspelt built-in key",
        text: r#"List(name: "x", fields: { "title": Text }, sort: ["crated"])"#,
        expect: r#"apps/x.ron:1:51: 'sort' names no field "crated", did you mean "created"?"#,
    },
    Bad {
        what: "sort by a missing field",
        text: r#"List(name: "x", fields: { "title": Text }, sort: ["pages"])"#,
        expect: r#"apps/x.ron:1:51: 'sort' names no field "pages"; fields are "title""#,
    },
    Bad {
        what: "sort by a field of a list without fields",
        text: r#"List(name: "x", sort: ["pages"])"#,
        expect: r#"apps/x.ron:1:24: 'sort' names no field "pages"; this list has no fields, so it sorts by done, created, updated or text"#,
    },
    Bad {
        what: "a column that is no field",
        text: r#"List(name: "x", fields: { "title": Text }, view: Table(columns: ["title", "autor"]))"#,
        expect: r#"apps/x.ron:1:75: 'columns' names no field "autor"; fields are "title""#,
    },
    Bad {
        what: "Board by a missing field",
        text: r#"List(name: "x", fields: { "title": Text }, view: Board(by: "status"))"#,
        expect: r#"apps/x.ron:1:60: 'by' names no field "status"; fields are "title""#,
    },
    Bad {
        what: "Board by a Text field",
        text: r#"List(name: "x", fields: { "title": Text }, view: Board(by: "title"))"#,
        expect: r#"apps/x.ron:1:60: Board(by: "title") needs a Choice field, but "title" is Text"#,
    },
    Bad {
        what: "Board without by",
        text: r#"List(name: "x", fields: { "title": Text }, view: Board)"#,
        expect: r#"apps/x.ron:1:50: Board needs the Choice field that makes its columns, e.g. Board(by: "status")"#,
    },
    Bad {
        what: "Sum of a Text field",
        text: r#"List(name: "x", fields: { "title": Text }, summary: [Sum("title")])"#,
        expect: r#"apps/x.ron:1:58: Sum("title") needs a Number, Money, Rating or Duration field, but "title" is Text"#,
    },
    Bad {
        what: "Sum of a misspelt field",
        text: r#"List(name: "x", fields: { "pages": Number }, summary: [Sum("page")])"#,
        expect: r#"apps/x.ron:1:60: Sum names no field "page", did you mean "pages"?"#,
    },
    Bad {
        what: "Avg without a field",
        text: r#"List(name: "x", fields: { "pages": Number }, summary: [Avg])"#,
        expect: r#"apps/x.ron:1:56: Avg needs one field, e.g. Avg("pages")"#,
    },
    Bad {
        what: "Count with a field",
        text: r#"List(name: "x", fields: { "pages": Number }, summary: [Count("pages")])"#,
        expect: "apps/x.ron:1:56: Count takes no field; write Count",
    },
    Bad {
        what: "Sum in a list without fields",
        text: r#"List(name: "x", summary: [Sum("pages")])"#,
        expect: r#"apps/x.ron:1:31: Sum names the field "pages", but this list has no fields"#,
    },
    // ---- timer ----
    Bad {
        what: "long_break with one phase",
        text: r#"Timer(name: "x", phases: [(name: "Focus", length: "25m")], long_break: "15m")"#,
        expect: "apps/x.ron:1:60: 'long_break' replaces the last break, so it needs at least two phases",
    },
    Bad {
        what: "long_break without phases",
        text: r#"Timer(name: "x", long_break: "15m")"#,
        expect: "apps/x.ron:1:18: 'long_break' replaces the last break, so it needs at least two phases",
    },
    Bad {
        what: "rounds without phases",
        text: r#"Timer(name: "x", rounds: 4)"#,
        expect: "apps/x.ron:1:18: 'rounds' needs phases; a timer without phases is a stopwatch",
    },
    // ---- named views (views:) ----
    Bad {
        what: "a view without a name",
        text: r#"List(name: "x", fields: {"a": Number}, views: [(filter: "a > 1")])"#,
        expect: r#"apps/x.ron:1:48: a view needs a name, e.g. (name: "To read", filter: "...")"#,
    },
    Bad {
        what: "two views with one name",
        text: r#"List(name: "x", fields: {"a": Number}, views: [(name: "Big"), (name: "big")])"#,
        expect: r#"apps/x.ron:1:70: two views are named "big""#,
    },
    Bad {
        what: "a view filter that is not true or false",
        text: r#"List(name: "x", fields: {"a": Number}, views: [(name: "Big", filter: "a + 1")])"#,
        expect: r#"apps/x.ron:1:70: view "Big": 'filter' "a + 1" must be true or false, but it gives Number; compare it, e.g. a > 0"#,
    },
    Bad {
        what: "a view sort key that is no field",
        text: r#"List(name: "x", fields: {"amount": Number}, views: [(name: "Big", sort: ["-amont"])])"#,
        expect: r#"apps/x.ron:1:74: view "Big": 'sort' names no field "amont", did you mean "amount"?"#,
    },
    Bad {
        what: "an unknown key inside a view",
        text: r#"List(name: "x", fields: {"a": Number}, views: [(name: "Big", fliter: "a > 1")])"#,
        expect: "apps/x.ron:1:62: unknown key 'fliter' in a view, did you mean 'filter'?",
    },
    Bad {
        what: "a view named All",
        text: r#"List(name: "x", views: [(name: "All")])"#,
        expect: r#"apps/x.ron:1:32: "All" is the name of every item's view; call this view something else"#,
    },
    // ---- launcher groups (group:) ----
    Bad {
        what: "an empty group",
        text: r#"List(name: "x", group: " ")"#,
        expect: "apps/x.ron:1:24: 'group' must not be empty",
    },
    Bad {
        what: "a group that is not text",
        text: r#"List(name: "x", group: 3)"#,
        expect: "apps/x.ron:1:24: 'group' expects text in double quotes, found the number 3",
    },
    // ---- Email, Phone, Percent, Time and other tools' type names ----
    Bad {
        what: "another tool's word for Bool",
        text: r#"List(name: "x", fields: {"done": Checkbox})"#,
        expect: r#"apps/x.ron:1:34: field "done": unknown field type "Checkbox" (did you mean "Bool"?)"#,
    },
    Bad {
        what: "another tool's word for Choice",
        text: r#"List(name: "x", fields: {"s": SingleSelect(options: ["a"])})"#,
        expect: r#"apps/x.ron:1:31: field "s": unknown field type "SingleSelect" (did you mean "Choice"?)"#,
    },
    Bad {
        what: "another tool's word for Money",
        text: r#"List(name: "x", fields: {"m": Currency})"#,
        expect: r#"apps/x.ron:1:31: field "m": unknown field type "Currency" (did you mean "Money"?)"#,
    },
    Bad {
        what: "a default that is no email address",
        text: r#"List(name: "x", fields: {"e": Email(default: "me")})"#,
        expect: r#"apps/x.ron:1:46: field "e": 'default' expects an email address such as ana@example.com, got "me""#,
    },
    Bad {
        what: "a default that is no phone number",
        text: r#"List(name: "x", fields: {"p": Phone(default: "123")})"#,
        expect: r#"apps/x.ron:1:46: field "p": 'default' expects a phone number: at least 5 digits, with + ( ) - . or spaces, got "123""#,
    },
    Bad {
        what: "a Percent default in quotes",
        text: r#"List(name: "x", fields: {"t": Percent(default: "15%")})"#,
        expect: r#"apps/x.ron:1:48: field "t": 'default' expects a number, found the text "15%""#,
    },
    Bad {
        what: "a default that is no time of day",
        text: r#"List(name: "x", fields: {"t": Time(default: "8:75")})"#,
        expect: r#"apps/x.ron:1:45: field "t": 'default' expects a time of day such as 08:30, 8:30pm or 8am, got "8:75""#,
    },
    // ---- tracker ----
    Bad {
        what: "step on a yes/no tracker",
        text: r#"Tracker(name: "x", step: 2)"#,
        expect: r#"apps/x.ron:1:20: 'step' is for amounts; add unit: "..." to track an amount"#,
    },
    Bad {
        what: "a step of 0",
        text: r#"Tracker(name: "x", unit: "km", step: 0)"#,
        expect: "apps/x.ron:1:38: 'step' must be above 0, found 0",
    },
    Bad {
        what: "an empty unit",
        text: r#"Tracker(name: "x", unit: "")"#,
        expect: "apps/x.ron:1:26: 'unit' must not be empty",
    },
];

#[test]
fn bad_specs_give_their_exact_messages() {
    let mut wrong = Vec::new();
    for b in BAD {
        let got = report(b.text);
        if got != b.expect {
            wrong.push(format!(
                "{}:\n  spec:   {}\n  expect: {}\n  got:    {}",
                b.what,
                b.text.replace('\n', "\n          "),
                b.expect,
                got.replace('\n', "\n          ")
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} rows differ:\n\n{}",
        wrong.len(),
        BAD.len(),
        wrong.join("\n\n")
    );
}

#[test]
fn the_table_is_large_and_every_row_is_its_own_case() {
    assert!(BAD.len() >= 40, "only {} rows", BAD.len());
    let mut texts: Vec<&str> = BAD.iter().map(|b| b.text).collect();
    texts.sort_unstable();
    texts.dedup();
    assert_eq!(texts.len(), BAD.len(), "two rows test the same text");
}

#[test]
fn messages_are_in_one_style() {
    for b in BAD {
        for line in b.expect.lines() {
            let message = line.splitn(4, ':').nth(3).unwrap_or_default().trim_start();
            assert!(line.starts_with("apps/x.ron:"), "{line}");
            assert!(!message.ends_with('.'), "ends with a period: {line}");
            let first = message.chars().next().unwrap_or(' ');
            // Starts in lower case, unless it starts with a name the user wrote.
            assert!(
                first.is_lowercase()
                    || "'\"`".contains(first)
                    || message.split_whitespace().next().is_some_and(|w| {
                        [
                            "List",
                            "Timer",
                            "Tracker",
                            "Board",
                            "Board(by:",
                            "Daily",
                            "Weekly",
                            "Sum",
                            "Avg",
                            "Max",
                            "Count",
                        ]
                        .iter()
                        .any(|k| w.starts_with(k))
                    }),
                "{line}"
            );
        }
    }
}

/// A realistic file with many problems: all are reported, in file order,
/// and a field with a problem is not reported again as "missing" by the
/// keys that name it.
#[test]
fn every_problem_of_a_list_is_reported_at_once() {
    let text = r#"List(
    name: "Reading list",
    feilds: {},
    fields: {
        "title":  Txt(required: true),
        "status": Choice(options: ["to read", "done"], default: "reading"),
        "pages":  Number(min: 1),
    },
    view: Board(by: "title"),
    sort: ["-rating", "status"],
    summary: [Count, Sum("status"), Avg("pages"), Max("words")],
)"#;
    assert_eq!(
        report(text),
        [
            r#"apps/x.ron:3:5: unknown key 'feilds' in List, did you mean 'fields'?"#,
            r#"apps/x.ron:5:19: field "title": unknown type 'Txt', did you mean 'Text'?"#,
            r#"apps/x.ron:6:65: field "status": 'default' "reading" is not among the options "to read", "done""#,
            r#"apps/x.ron:10:12: 'sort' names no field "rating"; fields are "title", "status", "pages""#,
            r#"apps/x.ron:11:55: Max names no field "words"; fields are "title", "status", "pages""#,
        ]
        .join("\n")
    );
}

#[test]
fn every_problem_of_a_timer_is_reported_at_once() {
    let text = r#"Timer(
    name: "Pomodoro",
    phases: [(name: "Focus", length: "25"), (name: "Break", lenght: "5m")],
    rounds: 0,
    long_break: "15",
    goal: Daily(0),
)"#;
    assert_eq!(
        report(text),
        [
            r#"apps/x.ron:3:38: 'length': "25" needs a unit (h, m or s), e.g. "25m""#,
            r#"apps/x.ron:3:61: unknown key 'lenght' in a phase, did you mean 'length'?"#,
            r#"apps/x.ron:4:13: 'rounds' expects a whole number from 1 to 100, found 0"#,
            r#"apps/x.ron:5:17: 'long_break': "15" needs a unit (h, m or s), e.g. "15m""#,
            r#"apps/x.ron:6:17: a goal of 0 is always met; use a number above 0, e.g. Daily(8)"#,
        ]
        .join("\n")
    );
}

#[test]
fn every_problem_of_a_tracker_is_reported_at_once() {
    let text = r#"Tracker(
    colour: "blue",
    name: "",
    id: "../water",
    unit: "glasses",
    goal: Daily(0),
    limit: Weekly(-1),
    step: 0,
)"#;
    assert_eq!(
        report(text),
        [
            "apps/x.ron:2:5: unknown key 'colour' in Tracker; it takes name, id, icon, description, tags, group, expires, unit, goal, limit, series, step",
            "apps/x.ron:3:11: 'name' must not be empty",
            r#"apps/x.ron:4:9: 'id' must not contain '/'; try "water""#,
            "apps/x.ron:6:17: a goal of 0 is always met; use a number above 0, e.g. Daily(8)",
            "apps/x.ron:7:5: a tracker has a goal (at least) or a limit (at most), not both",
            "apps/x.ron:7:19: a limit can't be negative, found -1; use 0 or more, e.g. Weekly(10)",
            "apps/x.ron:8:11: 'step' must be above 0, found 0",
        ]
        .join("\n")
    );
}

/// A problem in the view (Board by a non-Choice field) must not hide the
/// problems of the keys after it.
#[test]
fn a_bad_board_does_not_hide_later_problems() {
    let text = r#"List(
    name: "Films",
    name: "Movies",
    expires: "soon",
    fields: {
        "title": Text,
        "title": Text,
        "seen":  Bool(default: "no"),
        "score": Rating(max: 5),
    },
    view: Board(by: "score"),
    sort: ["titel"],
    summary: [Sum("title"), Avg("score")],
)"#;
    assert_eq!(
        report(text),
        [
            "apps/x.ron:3:5: 'name' is given twice in List",
            r#"apps/x.ron:4:14: 'expires' expects a date written "YYYY-MM-DD", e.g. "2026-12-31", found "soon""#,
            r#"apps/x.ron:7:9: the field "title" is defined twice"#,
            r#"apps/x.ron:8:32: field "seen": 'default' expects true or false, found the text "no""#,
            r#"apps/x.ron:11:21: Board(by: "score") needs a Choice field, but "score" is Rating"#,
            r#"apps/x.ron:12:12: 'sort' names no field "titel", did you mean "title"?"#,
            r#"apps/x.ron:13:19: Sum("title") needs a Number, Money, Rating or Duration field, but "title" is Text"#,
        ]
        .join("\n")
    );
    for by in [
        r#"Board(by: 3)"#,
        r#"Board(by: "nope")"#,
        r#"Board(by: "title")"#,
        "Board",
    ] {
        let text = format!(
            r#"List(name: "x", fields: {{ "title": Text }}, view: {by}, sort: ["zz"], summary: [Sum("title")])"#
        );
        let got = report(&text);
        assert_eq!(got.lines().count(), 3, "{text}\n{got}");
        assert!(got.contains(r#"'sort' names no field "zz""#), "{got}");
        assert!(got.contains(r#"Sum("title") needs a Number"#), "{got}");
    }
}

#[test]
fn problems_are_listed_in_file_order() {
    // Keys checked late (summary) but written early come first.
    let text = "List(\n    summary: [Sum(\"nope\")],\n    fields: { \"a\": Number },\n    name: 3,\n)";
    assert_eq!(
        report(text),
        "apps/x.ron:2:19: Sum names no field \"nope\"; fields are \"a\"\n\
         apps/x.ron:4:11: 'name' expects text in double quotes, found the number 3"
    );
}

#[test]
fn a_flood_of_problems_is_cut_short() {
    let tags = vec!["1"; 500].join(", ");
    let err = parse_str("apps/x.ron", &format!("List(name: \"x\", tags: [{tags}])")).unwrap_err();
    assert_eq!(err.diagnostics.len(), nook::spec::load::MAX_PROBLEMS + 1);
    let last = err.diagnostics.last().unwrap();
    assert_eq!(
        last.message,
        format!(
            "and {} more problems from here on",
            500 - nook::spec::load::MAX_PROBLEMS
        )
    );
    assert!(
        err.first_line().starts_with("apps/x.ron:1:"),
        "{}",
        err.first_line()
    );
}

#[test]
fn a_second_file_with_the_same_id_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("books.ron", "List(name: \"Books\")");
    // Same id as books.ron's stem, written on line 3.
    write(
        "reading.ron",
        "List(\n    name: \"Reading\",\n    id: \"books\",\n)",
    );
    // Same id, taken from the stem: reported at the top of the file.
    write("water.ron", "Tracker(name: \"Water\", unit: \"glasses\")");
    let sub = dir.path().join("old");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("water.ron"), "Tracker(name: \"Old water\")").unwrap();
    let bounds = nook::bounds::Bounds::new([dir.path()]);
    let mut entries = nook::spec::Catalog::scan(dir.path(), &bounds).unwrap().entries;
    entries.push(nook::spec::catalog::read_entry(&sub.join("water.ron"), &bounds));
    let catalog = nook::spec::Catalog::from_entries(entries);

    let errors: Vec<String> = catalog
        .entries
        .iter()
        .filter_map(|e| e.spec.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    let water = dir.path().join("water.ron");
    assert_eq!(
        errors,
        [
            // The file named after the id keeps it; the other gets a free id.
            format!(
                "{}:3:9: the id \"books\" is taken by books.ron; give this app its own, such as id: \"reading\"",
                dir.path().join("reading.ron").display(),
            ),
            // In another folder, the path is given whole; "water" is taken,
            // so the suggestion counts on.
            format!(
                "{}:1:1: the id \"water\" is taken by {}; give this app its own, such as id: \"water-2\"",
                sub.join("water.ron").display(),
                water.display()
            ),
        ]
    );
    // The first file keeps its id and stays usable.
    assert_eq!(catalog.find("books").unwrap().name, "Books");
    assert_eq!(catalog.specs().count(), 2);
}

/// Sets a file's modification time to `secs` after the epoch.
fn age(path: &std::path::Path, secs: u64) {
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

#[test]
fn of_two_files_with_one_id_the_older_keeps_it() {
    let h = Home::installed();
    // Neither is named after the id and no data is stored: the file written
    // first keeps it, whatever the names' order.
    let old = h.spec("zinc.ron", "List(name: \"Zinc\", id: \"metal\")");
    let new = h.spec("alum.ron", "List(name: \"Alum\", id: \"metal\")");
    age(&old, 1_000_000);
    age(&new, 2_000_000);
    let err = h.fails(1, ["check"]);
    assert_eq!(
        err.lines().next().unwrap(),
        format!(
            "{}:1:24: the id \"metal\" is taken by zinc.ron; give this app its own, such as id: \"alum\"",
            new.display()
        ),
        "{err}"
    );
    assert!(h.ok(["ls"]).contains("Zinc"));
    h.ok(["add", "metal", "ore"]);
    assert_eq!(h.items("metal")[0]["text"], "ore");
}

#[test]
fn of_two_files_with_one_id_the_one_whose_data_it_is_keeps_it() {
    let h = Home::installed();
    std::fs::remove_file(h.apps().join("water.ron")).unwrap();
    let owner = h.spec(
        "h2o.ron",
        "Tracker(name: \"H2O\", unit: \"glasses\", id: \"water\")",
    );
    h.ok(["log", "water", "3"]);
    // "aqua" holds data whose spec is gone.
    h.spec("aqua.ron", "List(name: \"Aqua\")");
    h.ok(["add", "aqua", "x"]);
    std::fs::remove_file(h.apps().join("aqua.ron")).unwrap();
    // Two older newcomers of another kind take the id, one of them named
    // after it: only they are refused, each with an id nothing uses.
    let aqua = h.spec("aqua.ron", "List(name: \"Aqua\", id: \"water\")");
    let named = h.spec("water.ron", "List(name: \"Water list\")");
    age(&aqua, 1_000);
    age(&named, 1_000);
    age(&owner, 2_000_000_000);
    let err = h.fails(1, ["check"]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[..2],
        [
            format!(
                "{}:1:24: the id \"water\" is taken by h2o.ron; give this app its own, such as id: \"aqua-2\"",
                aqua.display()
            ),
            format!(
                "{}:1:1: the id \"water\" is taken by h2o.ron; give this app its own, such as id: \"water-2\"",
                named.display()
            ),
        ],
        "{err}"
    );
    assert_eq!(lines[2], "nook: 2 of 16 specs have problems", "{err}");
    assert!(!err.contains("purge"), "{err}");
    // The owner works: it logs and lists as before.
    h.ok(["log", "water", "2"]);
    let ls = h.ok(["ls"]);
    let line = ls.lines().find(|l| l.contains("H2O")).unwrap();
    assert!(!line.contains("invalid"), "{ls}");
}
