//! Hostile and odd input: every one gives a spec or an error with a position,
//! never a panic, a stack overflow or a long wait. These tests run on the
//! default test thread, with its default stack.

use nook::spec::load::{MAX_PROBLEMS, MAX_SPEC_BYTES};
use nook::spec::{Spec, SpecError, parse_str};

fn load(bytes: &[u8]) -> Result<Spec, SpecError> {
    nook::spec::load("x", bytes).map_err(|diagnostics| SpecError {
        path: "apps/x.ron".into(),
        diagnostics,
    })
}

/// The start of a text, for failure messages that stay readable.
fn head(text: &str) -> String {
    text.chars().take(120).collect()
}

fn err(text: &str) -> String {
    match parse_str("apps/x.ron", text) {
        Ok(spec) => panic!(
            "expected an error for {:?}, got {:?}",
            head(text),
            spec.kind.word()
        ),
        Err(e) => e.to_string(),
    }
}

fn ok(text: &str) -> Spec {
    parse_str("apps/x.ron", text).unwrap_or_else(|e| panic!("{:?}:\n{e}", head(text)))
}

/// Every error names at least one problem, each at a real position.
fn assert_well_formed(e: &SpecError) {
    assert!(!e.diagnostics.is_empty());
    assert!(e.diagnostics.len() <= MAX_PROBLEMS + 1);
    for d in &e.diagnostics {
        assert!(d.pos.line >= 1 && d.pos.col >= 1, "{d:?}");
        assert!(!d.message.is_empty());
    }
    assert!(
        e.diagnostics.windows(2).all(|w| w[0].pos <= w[1].pos),
        "not in file order: {e}"
    );
}

// ------------------------------------------------------------ encoding

#[test]
fn invalid_utf8_names_its_line_and_column() {
    let e = load(b"List(\n  name: \"caf\xc3\xa9 \xff\",\n)").unwrap_err();
    assert_eq!(
        e.to_string(),
        "apps/x.ron:2:15: the file is not UTF-8 text (byte 0xff here); save it as UTF-8"
    );
    // Latin-1 text, as an old editor saves it.
    let e = load(b"List(name: \"Caf\xe9\")").unwrap_err();
    assert_eq!(e.diagnostics[0].pos.to_string(), "1:16");
    // A character cut off at the end of the file.
    let e = load("List(name: \"é".as_bytes().split_last().unwrap().1).unwrap_err();
    assert!(e.to_string().contains("not UTF-8"), "{e}");
}

#[test]
fn invalid_utf8_in_a_file_of_the_apps_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, b"\xfe\xffList(name: \"x\")").unwrap();
    let entry = nook::spec::catalog::read_entry(&path, &nook::bounds::Bounds::new([dir.path()]));
    let e = entry.spec.unwrap_err();
    assert_eq!(e.diagnostics[0].pos.to_string(), "1:1");
    assert!(e.diagnostics[0].message.contains("not UTF-8"));
}

#[test]
fn a_byte_order_mark_is_skipped_and_takes_no_column() {
    assert_eq!(ok("\u{feff}List(name: \"x\")").name, "x");
    assert_eq!(
        err("\u{feff}List(name: 3)"),
        "apps/x.ron:1:12: 'name' expects text in double quotes, found the number 3"
    );
    assert_eq!(
        load(b"\xef\xbb\xbfList(name: \"\xff\")").unwrap_err().diagnostics[0]
            .pos
            .to_string(),
        "1:13"
    );
}

#[test]
fn crlf_line_endings_keep_positions_right() {
    let text = "List(\r\n    name: \"x\",\r\n    icon: 3,\r\n)\r\n";
    assert_eq!(
        err(text),
        "apps/x.ron:3:11: 'icon' expects text in double quotes, found the number 3"
    );
    assert_eq!(ok("List(\r\n    name: \"x\",\r\n)\r\n").name, "x");
    // A line break inside text is kept as written.
    assert_eq!(ok("List(name: \"a\r\nb\")").name, "a\r\nb");
    // Old Mac line ends (a lone \r) are plain whitespace.
    assert_eq!(ok("List(\rname: \"x\"\r)").name, "x");
}

#[test]
fn a_tab_is_one_column() {
    assert_eq!(
        err("List(\n\tname:\t3,\n)"),
        "apps/x.ron:2:8: 'name' expects text in double quotes, found the number 3"
    );
}

// ------------------------------------------------------------ empty and cut short

#[test]
fn empty_and_blank_files() {
    let empty = "apps/x.ron:1:1: the file is empty; write a spec such as List(name: \"Groceries\")";
    for text in ["", " ", "\n\n\n", "\t\r\n", "\u{feff}", "\u{feff}\n"] {
        assert_eq!(err(text), empty, "{text:?}");
    }
    let comments =
        "apps/x.ron:1:1: the file holds only comments; write a spec such as List(name: \"Groceries\")";
    for text in [
        "// x",
        "/* x */",
        "// a\n/* b /* c */ */\n// d\n",
        "#![enable(implicit_some)]",
    ] {
        assert_eq!(err(text), comments, "{text:?}");
    }
}

#[test]
fn unterminated_text_comment_and_raw_text() {
    assert_eq!(
        err("List(\n    name: \"Groceries,\n)"),
        "apps/x.ron:2:11: unterminated text: a closing \" is missing"
    );
    assert_eq!(
        err("List(name: \"x\")\n/* a /* nested */ comment"),
        "apps/x.ron:2:1: unterminated comment: a closing */ is missing"
    );
    assert_eq!(
        err("List(name: r#\"x\")"),
        "apps/x.ron:1:12: unterminated raw string"
    );
    assert_eq!(
        err("List(name: r##\"x\"#)"),
        "apps/x.ron:1:12: unterminated raw string"
    );
    assert_eq!(
        err("#![enable(implicit_some)\nList(name: \"x\")"),
        "apps/x.ron:1:1: unterminated #![...] attribute"
    );
    assert_eq!(
        err("List(name: \"x\\"),
        "apps/x.ron:1:12: unterminated text: a closing \" is missing"
    );
    assert_eq!(
        err("List(name: \"\\u{110000}\")"),
        "apps/x.ron:1:13: \\u{110000} is no character"
    );
    assert_eq!(
        err("List(name: \"\\u{zz}\")"),
        "apps/x.ron:1:13: a \\u escape is written \\u{1F600}"
    );
}

#[test]
fn raw_strings() {
    assert_eq!(
        ok(r####"List(name: r#"a "quoted" word"#)"####).name,
        r#"a "quoted" word"#
    );
    assert_eq!(ok(r####"List(name: r"no \escapes\n")"####).name, r"no \escapes\n");
    assert_eq!(
        ok(r#####"List(name: r###"x"# "## y"###)"#####).name,
        r###"x"# "## y"###
    );
    assert_eq!(ok("List(name: r\"two\nlines\")").name, "two\nlines");
    // `r` alone is a word, not the start of a raw string.
    assert_eq!(
        err("List(name: r)"),
        "apps/x.ron:1:12: 'name' expects text in double quotes, e.g. \"r\""
    );
}

// ------------------------------------------------------------ numbers

#[test]
fn odd_numbers() {
    let step = |n: &str| format!("Tracker(name: \"x\", unit: \"u\", step: {n})");
    assert_eq!(
        err(&step("1e999")),
        "apps/x.ron:1:37: `1e999` is too large a number"
    );
    assert_eq!(
        err(&step("-1e999")),
        "apps/x.ron:1:37: `-1e999` is too large a number"
    );
    assert_eq!(err(&step("--5")), "apps/x.ron:1:37: `--5` is not a number");
    assert_eq!(err(&step("1.2.3")), "apps/x.ron:1:37: `1.2.3` is not a number");
    assert_eq!(err(&step("0xZZ")), "apps/x.ron:1:37: `0xZZ` is not a number");
    assert_eq!(err(&step("-")), "apps/x.ron:1:37: `-` is not a number");
    assert_eq!(err(&step("1e")), "apps/x.ron:1:37: `1e` is not a number");
    assert_eq!(
        err(&step("5m")),
        "apps/x.ron:1:37: `5m` is not a number; a duration is text in quotes: \"5m\""
    );
    assert_eq!(
        err(&step("NaN")),
        "apps/x.ron:1:37: `NaN` is no number a spec can hold"
    );
    assert_eq!(
        err(&step("inf")),
        "apps/x.ron:1:37: `inf` is no number a spec can hold"
    );
    let stepped = |n: &str| match ok(&step(n)).kind {
        nook::spec::Kind::Tracker(t) => t.step,
        other => panic!("{other:?}"),
    };
    assert_eq!(stepped("0x10"), 16.0);
    assert_eq!(stepped("0o10"), 8.0);
    assert_eq!(stepped("0b10"), 2.0);
    assert_eq!(stepped(".5"), 0.5);
    assert_eq!(stepped("+2"), 2.0);
    assert_eq!(stepped("1_000"), 1000.0);
    assert_eq!(stepped("2.5e-1"), 0.25);
    assert_eq!(stepped("1e308"), 1e308);
    assert_eq!(
        err(&step("0")),
        "apps/x.ron:1:37: 'step' must be above 0, found 0"
    );
    assert_eq!(
        err(&step("-0x10")),
        "apps/x.ron:1:37: 'step' must be above 0, found -16"
    );
}

// ------------------------------------------------------------ deep nesting

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    const N: usize = 100_000;
    let nested = "apps/x.ron:1:50: values are nested more than 48 levels deep";
    assert_eq!(err(&"[".repeat(N)), nested);
    assert_eq!(err(&"{".repeat(N)), nested);
    assert_eq!(err(&"(".repeat(N)), nested);
    // `A(` is two characters a level.
    assert_eq!(
        err(&"A(".repeat(N)),
        "apps/x.ron:1:99: values are nested more than 48 levels deep"
    );
    // Balanced, so the end of the file is no way out early.
    let balanced = format!("{}{}", "[".repeat(N), "]".repeat(N));
    assert_eq!(err(&balanced), nested);
    let some = format!("{}1{}", "Some(".repeat(N), ")".repeat(N));
    assert!(err(&some).contains("nested more than 48 levels"));
    // Deep inside a spec, as a value and as map keys.
    let inside = format!("List(name: \"x\", tags: {})", "[".repeat(N));
    assert!(err(&inside).contains("nested more than 48 levels"));
    let keys = format!("List(name: \"x\", fields: {}", "{".repeat(N));
    assert!(err(&keys).contains("nested more than 48 levels"));
    let calls = format!("List(name: \"x\", view: {}", "Board(by: ".repeat(N));
    assert!(err(&calls).contains("nested more than 48 levels"));
    // Comments and attributes nest by counting, not by recursion.
    let comments = format!("{}{}List(name: \"x\")", "/*".repeat(N), "*/".repeat(N));
    assert_eq!(ok(&comments).name, "x");
    let unclosed = format!("{}List(name: \"x\"){}", "/*".repeat(N), "*/".repeat(N - 1));
    assert_eq!(
        err(&unclosed),
        "apps/x.ron:1:1: unterminated comment: a closing */ is missing"
    );
    // Not RON (an attribute is `#![enable(...)]`): refused, at once.
    let attribute = format!("#!{}{}\nList(name: \"x\")", "[".repeat(N), "]".repeat(N));
    assert_eq!(
        err(&attribute),
        "apps/x.ron:1:1: an attribute is written #![enable(implicit_some)], at the start of the file"
    );
}

/// The reader recurses once per level, up to its limit: at most about 300 kB
/// of stack unoptimized (50 kB optimized), so a thread with half the default
/// stack has room to spare.
#[test]
fn deep_nesting_fits_a_small_stack() {
    let result = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(|| {
            let deep = format!("List(name: \"x\", tags: {})", "[{(A(".repeat(25_000));
            let some = format!("List(name: {}\"x\"{})", "Some(".repeat(40), ")".repeat(40));
            (err(&deep), ok(&some).name)
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(
        result,
        (
            "apps/x.ron:1:83: values are nested more than 48 levels deep".to_string(),
            "x".to_string()
        )
    );
}

#[test]
fn nesting_up_to_the_limit_is_fine() {
    // 40 levels of Some(...) around a name: read, then unwrapped.
    let text = format!("List(name: {}\"x\"{})", "Some(".repeat(40), ")".repeat(40));
    assert_eq!(ok(&text).name, "x");
}

// ------------------------------------------------------------ size

#[test]
fn a_huge_file_is_refused_before_parsing() {
    let big = vec![b' '; 2 * 1024 * 1024];
    assert_eq!(
        load(&big).unwrap_err().to_string(),
        "apps/x.ron:1:1: the file is 2048 kB; a spec may be at most 1024 kB"
    );
    // Just over the limit, valid or not.
    let mut over = b"List(name: \"x\")".to_vec();
    over.resize(MAX_SPEC_BYTES + 1, b'\n');
    assert_eq!(
        load(&over).unwrap_err().to_string(),
        "apps/x.ron:1:1: the file is 1025 kB; a spec may be at most 1024 kB"
    );
    // At the limit: read.
    over.truncate(MAX_SPEC_BYTES);
    assert_eq!(load(&over).unwrap().name, "x");
}

#[test]
fn a_huge_file_in_the_apps_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(2 * 1024 * 1024).unwrap();
    let e = nook::spec::catalog::read_entry(&path, &nook::bounds::Bounds::new([dir.path()]))
        .spec
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{}:1:1: the file is 2048 kB; a spec may be at most 1024 kB",
            path.display()
        )
    );
}

#[test]
fn twenty_thousand_fields_parse_quickly() {
    const N: usize = 20_000;
    let mut text = String::from("List(\n    name: \"Big\",\n    fields: {\n");
    for i in 0..N {
        let ty = match i % 4 {
            0 => "Text".to_string(),
            1 => format!("Number(min: 0, max: {i})"),
            2 => "Choice(options: [\"a\", \"b\"], default: \"a\")".to_string(),
            _ => "Bool".to_string(),
        };
        text.push_str(&format!("        \"f{i}\": {ty},\n"));
    }
    text.push_str("    },\n    view: Board(by: \"f2\"),\n    sort: [\"-f19999\", \"f1\"],\n    summary: [Sum(\"f1\")],\n)\n");
    assert!(text.len() < MAX_SPEC_BYTES);
    let spec = ok(&text);
    match &spec.kind {
        nook::spec::Kind::List(l) => {
            assert_eq!(l.fields.len(), N);
            assert_eq!(l.fields.get_index(N - 1).unwrap().0, "f19999");
        }
        other => panic!("{other:?}"),
    }

    // The same with every field name twice: every repeat reported, capped.
    let twice = text.replace("\"f1", "\"g").replace("\"f", "\"g");
    let e = parse_str("apps/x.ron", &twice).unwrap_err();
    assert_well_formed(&e);
}

#[test]
fn a_flood_of_problems_is_fast_and_capped() {
    // About 1 MB of problems: 250,000 tags that are not text.
    let tags = "1,".repeat(250_000);
    let text = format!("List(name: \"x\", tags: [{tags}])");
    let e = parse_str("apps/x.ron", &text).unwrap_err();
    assert_eq!(e.diagnostics.len(), MAX_PROBLEMS + 1);
    assert_eq!(
        e.diagnostics.last().unwrap().message,
        format!("and {} more problems from here on", 250_000 - MAX_PROBLEMS)
    );
    // Many unknown keys, many sort keys naming no field.
    let keys = "nope: 1, ".repeat(50_000);
    let e = parse_str("apps/x.ron", &format!("List(name: \"x\", {keys})")).unwrap_err();
    assert_eq!(e.diagnostics.len(), MAX_PROBLEMS + 1);
    let sorts = "\"nope\", ".repeat(100_000);
    let e = parse_str(
        "apps/x.ron",
        &format!("List(name: \"x\", fields: {{ \"a\": Text }}, sort: [{sorts}])"),
    )
    .unwrap_err();
    assert_eq!(e.diagnostics.len(), MAX_PROBLEMS + 1);
    // A long text is shortened where a message quotes it.
    let long = "y".repeat(100_000);
    let e = err(&format!("List(name: \"x\", expires: \"{long}\")"));
    assert!(e.len() < 200, "{e}");
}

// ------------------------------------------------------------ random input

/// A small deterministic generator (xorshift64*), so failures replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SEEDS: [&str; 4] = [
    r#"List(
    name: "Reading list",
    icon: "📚",
    fields: {
        "title":    Text(required: true),
        "status":   Choice(options: ["to read", "reading", "done"], default: "to read"),
        "pages":    Number(min: 1, max: 5000, decimals: 0, unit: "p"),
        "rating":   Rating(max: 5, default: 3),
        "due":      Date(default: Today),
        "tags":     Tags(options: ["a", "b"], default: ["a"]),
    },
    view: Board(by: "status"),
    sort: ["status", "-rating"],
    summary: [Count, Sum("pages"), Avg("rating")],
)"#,
    r#"Timer(name: "Pomodoro", phases: [(name: "Focus", length: "25m"), (name: "Break", length: "5m")], rounds: 4, long_break: "15m", goal: Daily(8))"#,
    r#"Tracker(name: "Water", icon: "💧", unit: "glasses", goal: Daily(8), series: ["a", "b"], step: 0.5, expires: "2026-12-31")"#,
    "#![enable(implicit_some)]\n// c\nList(name: r#\"x\"#, id: \"x-1\", tags: [\"t\",], view: Table(columns: []), /* c */)",
];

/// Checks one input: a spec or a well-formed error, and nothing else.
fn survive(bytes: &[u8], results: &mut [usize; 2]) {
    match load(bytes) {
        Ok(_) => results[0] += 1,
        Err(e) => {
            assert_well_formed(&e);
            results[1] += 1;
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut results = [0usize; 2];
    for _ in 0..2_000 {
        let len = rng.below(300);
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        survive(&bytes, &mut results);
    }
    assert_eq!(results[0] + results[1], 2_000);
}

#[test]
fn random_ron_like_text_never_panics() {
    const PIECES: &[&str] = &[
        "List",
        "Timer",
        "Tracker",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        ",",
        "\"",
        "name",
        "fields",
        "view",
        "Board",
        "by",
        "Some",
        "None",
        "true",
        "1",
        "-",
        ".",
        "e",
        "0x",
        "r#\"",
        "\"#",
        "/*",
        "*/",
        "//",
        "\n",
        " ",
        "\t",
        "\r\n",
        "#![",
        "'",
        "\\",
        "\\u{",
        "é",
        "📚",
        "\u{feff}",
        "\"x\"",
        "Daily(",
        "goal",
        "unit",
        "phases",
        "length",
        "\"25m\"",
        "default",
        "options",
        "Choice",
        "Text",
        "sort",
        "summary",
        "Sum(",
        "\"-",
        "id",
        "\"../\"",
        "long_break",
        "rounds",
        "limit",
        "step",
        "series",
    ];
    let mut rng = Rng(42);
    let mut results = [0usize; 2];
    for _ in 0..2_000 {
        let n = rng.below(80);
        let text: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        survive(text.as_bytes(), &mut results);
    }
    assert_eq!(results[0] + results[1], 2_000);
}

#[test]
fn mutated_good_specs_never_panic() {
    let mut rng = Rng(7);
    let mut results = [0usize; 2];
    for i in 0..2_000 {
        let mut bytes = SEEDS[i % SEEDS.len()].as_bytes().to_vec();
        for _ in 0..=rng.below(4) {
            let at = rng.below(bytes.len() + 1);
            match rng.below(4) {
                0 if at < bytes.len() => {
                    bytes.remove(at);
                }
                1 => bytes.insert(at, b"()[]{}:,\"-0.e#/\\ \nxr"[rng.below(20)]),
                2 if at < bytes.len() => bytes[at] = rng.next() as u8,
                _ => {
                    // Repeat a slice, for duplicates and deeper nesting.
                    let end = (at + rng.below(20)).min(bytes.len());
                    let slice = bytes[at..end].to_vec();
                    bytes.splice(at..at, slice);
                }
            }
        }
        survive(&bytes, &mut results);
    }
    // Most mutations break something, some do not: both paths ran.
    assert!(results[0] > 0 && results[1] > 0, "{results:?}");
}

#[test]
fn every_seed_parses() {
    for seed in SEEDS {
        ok(seed);
    }
}
