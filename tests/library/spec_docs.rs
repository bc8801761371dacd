//! The examples of docs/spec.md are checked, so the reference can't go stale:
//!
//! - every ```ron block is a complete, valid spec (or theme);
//! - every ```ron,bad block is a spec that must be refused, and the ```text
//!   block right after it holds exactly what nook reports for it, as
//!   `nook::spec::parse_str("apps/example.ron", text)` prints it: one
//!   `apps/example.ron:LINE:COL: message` line per problem.

use std::path::Path;

/// Fewer blocks than this means the extraction broke, not that the doc is fine.
const MIN_BLOCKS: usize = 15;

/// Fewer ```ron,bad pairs than this means the extraction broke, or the doc
/// lost its error examples.
const MIN_BAD_PAIRS: usize = 10;

/// The path the ```ron,bad examples are reported against.
const BAD_PATH: &str = "apps/example.ron";

/// A fenced block of a Markdown text.
struct Fenced {
    /// The info string after the opening ```, trimmed: `ron`, `ron,bad`, `text`.
    info: String,
    /// The 1-based line of the opening fence.
    open: usize,
    /// The 1-based line of the closing fence.
    close: usize,
    /// The lines between the fences, each ending in a newline.
    text: String,
}

impl Fenced {
    /// The 1-based line of the first content line.
    fn first_line(&self) -> usize {
        self.open + 1
    }
}

/// A fenced ```ron block: the 1-based line of its first content line in the
/// doc, and its text.
struct Block {
    line: usize,
    text: String,
}

/// Extracts every fenced block of a Markdown text. Panics on a block that is
/// never closed, naming the line where it opens.
fn fenced_blocks(doc: &str) -> Vec<Fenced> {
    let mut blocks = Vec::new();
    let mut current: Option<Fenced> = None;
    for (i, line) in doc.lines().enumerate() {
        let number = i + 1;
        let fence = line.trim_start();
        match current.take() {
            None => {
                if let Some(info) = fence.strip_prefix("```") {
                    current = Some(Fenced {
                        info: info.trim().to_string(),
                        open: number,
                        close: 0,
                        text: String::new(),
                    });
                }
            }
            Some(mut block) => {
                if fence.trim_end() == "```" {
                    block.close = number;
                    blocks.push(block);
                } else {
                    block.text.push_str(line);
                    block.text.push('\n');
                    current = Some(block);
                }
            }
        }
    }
    if let Some(b) = current {
        panic!("docs/spec.md:{}: a ``` block is never closed", b.open);
    }
    blocks
}

/// Extracts the plain ```ron blocks of a Markdown text (not ```ron,bad).
fn ron_blocks(doc: &str) -> Vec<Block> {
    fenced_blocks(doc)
        .into_iter()
        .filter(|b| b.info == "ron")
        .map(|b| Block {
            line: b.first_line(),
            text: b.text,
        })
        .collect()
}

/// A ```ron,bad block and the ```text block after it.
struct BadPair {
    /// The 1-based line of the first line of the spec.
    line: usize,
    spec: String,
    /// The 1-based line of the first line of the expected report.
    expect_line: usize,
    /// The report's lines, joined by newlines, with no newline at the end.
    expect: String,
}

/// Pairs every ```ron,bad block with the ```text block that must follow it,
/// with nothing but blank lines between. A block tagged like `ron` that is
/// neither `ron` nor `ron,bad` is an error too, so a typo in a tag can't
/// quietly leave an example unchecked.
fn bad_pairs(doc: &str) -> Result<Vec<BadPair>, Vec<String>> {
    let lines: Vec<&str> = doc.lines().collect();
    let blocks = fenced_blocks(doc);
    let mut pairs = Vec::new();
    let mut problems = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if b.info.starts_with("ron") && b.info != "ron" && b.info != "ron,bad" {
            problems.push(format!(
                "docs/spec.md:{}: unknown tag ```{}; use ```ron or ```ron,bad",
                b.open, b.info
            ));
            continue;
        }
        if b.info != "ron,bad" {
            continue;
        }
        let next = blocks
            .get(i + 1)
            .filter(|n| n.info == "text" && lines[b.close..n.open - 1].iter().all(|l| l.trim().is_empty()));
        let Some(next) = next else {
            problems.push(format!(
                "docs/spec.md:{}: a ```ron,bad block must be followed right away by a ```text block with its report",
                b.open
            ));
            continue;
        };
        pairs.push(BadPair {
            line: b.first_line(),
            spec: b.text.clone(),
            expect_line: next.first_line(),
            expect: next.text.lines().collect::<Vec<_>>().join("\n"),
        });
    }
    if problems.is_empty() {
        Ok(pairs)
    } else {
        Err(problems)
    }
}

/// Checks one bad example: it must be refused with exactly its report.
fn check_bad(pair: &BadPair) -> Result<(), String> {
    let actual = match nook::spec::parse_str(BAD_PATH, &pair.spec) {
        Ok(_) => {
            return Err(format!(
                "docs/spec.md:{}: the ```ron,bad block is a valid spec; it should show a mistake",
                pair.line
            ));
        }
        Err(e) => e.to_string(),
    };
    if actual == pair.expect {
        return Ok(());
    }
    let indent = |s: &str| {
        s.lines()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Err(format!(
        "docs/spec.md:{}: the ```ron,bad block is reported differently than the ```text block at line {} says\n  expected:\n{}\n  actual:\n{}",
        pair.line,
        pair.expect_line,
        indent(&pair.expect),
        indent(&actual)
    ))
}

/// Whether a block is a theme: its first line that is not blank or a
/// comment starts with `Theme(`.
fn is_theme(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .is_some_and(|l| l.starts_with("Theme("))
}

/// Checks one block; on failure, every problem with its line in the doc.
fn check(block: &Block) -> Result<(), String> {
    let result = if is_theme(&block.text) {
        nook::theme::parse("example.ron", &block.text, &nook::theme::Theme::default()).map(|_| ())
    } else {
        nook::spec::parse_str("example.ron", &block.text).map(|_| ())
    };
    result.map_err(|e| {
        let problems: Vec<String> = e
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "  docs/spec.md:{}:{}: {}",
                    block.line + d.pos.line as usize - 1,
                    d.pos.col,
                    d.message
                )
            })
            .collect();
        format!(
            "the ```ron block at docs/spec.md line {} is not valid:\n{}",
            block.line,
            problems.join("\n")
        )
    })
}

fn read_doc() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/spec.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_ron_block_in_the_spec_reference_is_valid() {
    let doc = read_doc();
    let blocks = ron_blocks(&doc);
    assert!(
        blocks.len() >= MIN_BLOCKS,
        "docs/spec.md has {} ```ron blocks; expected at least {MIN_BLOCKS}",
        blocks.len()
    );
    let failures: Vec<String> = blocks.iter().filter_map(|b| check(b).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} ```ron blocks in docs/spec.md are invalid:\n{}",
        failures.len(),
        blocks.len(),
        failures.join("\n")
    );
}

#[test]
fn every_bad_example_is_reported_exactly_as_the_doc_says() {
    let doc = read_doc();
    let pairs = bad_pairs(&doc).unwrap_or_else(|problems| panic!("{}", problems.join("\n")));
    assert!(
        pairs.len() >= MIN_BAD_PAIRS,
        "docs/spec.md has {} ```ron,bad examples; expected at least {MIN_BAD_PAIRS}",
        pairs.len()
    );
    let failures: Vec<String> = pairs.iter().filter_map(|p| check_bad(p).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} ```ron,bad examples in docs/spec.md are out of date:\n{}",
        failures.len(),
        pairs.len(),
        failures.join("\n")
    );
}

#[test]
fn the_reference_covers_every_kind_and_a_theme() {
    let doc = read_doc();
    let blocks = ron_blocks(&doc);
    let mut kinds = std::collections::BTreeSet::new();
    let mut themes = 0;
    for b in &blocks {
        if is_theme(&b.text) {
            themes += 1;
        } else if let Ok(spec) = nook::spec::parse_str("example.ron", &b.text) {
            kinds.insert(spec.kind.word());
        }
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["list", "timer", "tracker"],
        "docs/spec.md should show every kind of app"
    );
    assert!(themes >= 1, "docs/spec.md should show a theme");
}

#[test]
fn the_extractor_finds_blocks_and_their_lines() {
    let doc = "# t\n\n```ron\nList(name: \"A\")\n```\n\n```text\nnot ron\n```\n  ```ron\n// c\nTheme(name: \"B\")\n  ```\n\n```ron,bad\nLst(name: \"C\")\n```\n";
    let blocks = ron_blocks(doc);
    assert_eq!(blocks.len(), 2, "a ```ron,bad block is not a ```ron block");
    assert_eq!(
        (blocks[0].line, blocks[0].text.as_str()),
        (4, "List(name: \"A\")\n")
    );
    assert_eq!(blocks[1].line, 11);
    assert!(is_theme(&blocks[1].text));
    assert!(!is_theme(&blocks[0].text));
    let bad = Block {
        line: 10,
        text: "List(\n    nme: \"A\",\n)\n".into(),
    };
    let err = check(&bad).unwrap_err();
    assert!(err.contains("docs/spec.md:11:5: unknown key 'nme'"), "{err}");
}

#[test]
fn the_extractor_pairs_bad_blocks_with_their_reports() {
    let doc = "```ron,bad\nList(\n    nme: \"A\",\n)\n```\n\n```text\napps/example.ron:2:5: one\napps/example.ron:3:1: two\n```\n";
    let pairs = bad_pairs(doc).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(pairs.len(), 1);
    let p = &pairs[0];
    assert_eq!((p.line, p.expect_line), (2, 8));
    assert_eq!(p.spec, "List(\n    nme: \"A\",\n)\n");
    assert_eq!(p.expect, "apps/example.ron:2:5: one\napps/example.ron:3:1: two");
    let err = check_bad(p).unwrap_err();
    assert!(
        err.starts_with("docs/spec.md:2: ")
            && err.contains("line 8")
            && err.contains("    apps/example.ron:2:5: unknown key 'nme'"),
        "{err}"
    );

    let valid = BadPair {
        line: 5,
        spec: "List(name: \"A\")\n".into(),
        expect_line: 9,
        expect: String::new(),
    };
    assert!(check_bad(&valid).unwrap_err().contains("is a valid spec"));

    let lonely = "```ron,bad\nLst(name: \"A\")\n```\n\nSome words.\n\n```text\nx\n```\n";
    let problems = bad_pairs(lonely).err().unwrap_or_default();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("docs/spec.md:1: "), "{problems:?}");

    let typo = "```ron, bad\nLst(name: \"A\")\n```\n```text\nx\n```\n";
    let problems = bad_pairs(typo).err().unwrap_or_default();
    assert!(problems[0].contains("unknown tag"), "{problems:?}");
}
