//! Every ```ron block of docs/spec.md is a complete, valid spec (or theme).

use std::path::Path;

/// Fewer blocks than this means the extraction broke, not that the doc is fine.
const MIN_BLOCKS: usize = 15;

/// A fenced ```ron block: the 1-based line of its first content line in the
/// doc, and its text.
struct Block {
    line: usize,
    text: String,
}

/// Extracts the ```ron blocks of a Markdown text. Panics on a block that is
/// never closed, naming the line where it opens.
fn ron_blocks(doc: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, Option<Block>)> = None;
    for (i, line) in doc.lines().enumerate() {
        let number = i + 1;
        let fence = line.trim_start();
        match &mut current {
            None => {
                if let Some(info) = fence.strip_prefix("```") {
                    let is_ron = info.trim() == "ron";
                    let block = is_ron.then(|| Block {
                        line: number + 1,
                        text: String::new(),
                    });
                    current = Some((number, block));
                }
            }
            Some((_, block)) => {
                if fence.trim_end() == "```" {
                    if let Some(b) = block.take() {
                        blocks.push(b);
                    }
                    current = None;
                } else if let Some(b) = block {
                    b.text.push_str(line);
                    b.text.push('\n');
                }
            }
        }
    }
    if let Some((opened, _)) = current {
        panic!("docs/spec.md:{opened}: a ``` block is never closed");
    }
    blocks
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

#[test]
fn every_ron_block_in_the_spec_reference_is_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/spec.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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
fn the_reference_covers_every_kind_and_a_theme() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/spec.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
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
    let doc = "# t\n\n```ron\nList(name: \"A\")\n```\n\n```text\nnot ron\n```\n  ```ron\n// c\nTheme(name: \"B\")\n  ```\n";
    let blocks = ron_blocks(doc);
    assert_eq!(blocks.len(), 2);
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
