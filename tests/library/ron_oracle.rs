//! The `ron` crate as the oracle of nook's own RON reader (`spec/syntax.rs`):
//! wherever nook accepts a text, `ron` reads the same value from it, and
//! wherever `ron` refuses a text, nook refuses it too. nook may refuse more
//! (it reads the part of RON a spec can use). Checked over a corpus of
//! constructs and over generated texts; PROPTEST_CASES runs more of them.
//!
//! `ron`'s values forget struct names, so names are compared by nook's own
//! tests; here `Name(a: 1)` is the map `{"a": 1}` and `Name(1, 2)` a sequence.
//! A leading byte order mark is an encoding mark that nook skips; it is
//! taken off before `ron` reads the text.

use crate::common;

use common::cases;
use nook::spec::syntax::{self, Args, Node, NodeKind};
use proptest::prelude::*;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A value as `ron` reads it, numbers kept in the form it gives them.
#[derive(Clone, Debug, PartialEq)]
enum Tree {
    Bool(bool),
    Int(i128),
    Float(f64),
    Char(char),
    Str(String),
    Bytes(Vec<u8>),
    Unit,
    None,
    Some(Box<Tree>),
    Seq(Vec<Tree>),
    Map(Vec<(Tree, Tree)>),
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any RON value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Tree, E> {
        Ok(Tree::Int(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Tree, E> {
        Ok(Tree::Int(v.into()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Tree, E> {
        Ok(Tree::Int(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Tree, E> {
        Ok(Tree::Float(v))
    }
    fn visit_char<E: de::Error>(self, v: char) -> Result<Tree, E> {
        Ok(Tree::Char(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Tree, E> {
        Ok(Tree::Str(v.into()))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Tree, E> {
        Ok(Tree::Bytes(v.into()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::Unit)
    }
    fn visit_none<E: de::Error>(self) -> Result<Tree, E> {
        Ok(Tree::None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        Ok(Tree::Some(Box::new(Tree::deserialize(d)?)))
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        Tree::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(t) = seq.next_element()? {
            items.push(t);
        }
        Ok(Tree::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        while let Some(e) = map.next_entry()? {
            entries.push(e);
        }
        Ok(Tree::Map(entries))
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tree, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

/// Whether nook's node is the value `ron` read.
fn same(n: &Node, t: &Tree) -> bool {
    let all = |ns: &[Node], ts: &[Tree]| ns.len() == ts.len() && ns.iter().zip(ts).all(|(n, t)| same(n, t));
    match (&n.kind, t) {
        (NodeKind::Str(a), Tree::Str(b)) => a == b,
        (NodeKind::Num(a), Tree::Int(b)) => *a == *b as f64,
        (NodeKind::Num(a), Tree::Float(b)) => a == b,
        (NodeKind::Bool(a), Tree::Bool(b)) => a == b,
        (NodeKind::Ident(i), Tree::None) => i == "None",
        (NodeKind::Ident(i), Tree::Unit) => i != "None",
        (
            NodeKind::Call {
                name: Some(name),
                args: Args::Positional(items),
            },
            Tree::Some(inner),
        ) if name.name == "Some" => items.len() == 1 && same(&items[0], inner),
        (
            NodeKind::Call {
                args: Args::Named(f), ..
            },
            Tree::Unit | Tree::Seq(_) | Tree::Map(_),
        ) if f.is_empty() => matches!(t, Tree::Unit) || t == &Tree::Seq(vec![]) || t == &Tree::Map(vec![]),
        (
            NodeKind::Call {
                args: Args::Named(f), ..
            },
            Tree::Map(m),
        ) => {
            f.len() == m.len()
                && f.iter()
                    .zip(m)
                    .all(|((k, v), (tk, tv))| *tk == Tree::Str(k.name.clone()) && same(v, tv))
        }
        (
            NodeKind::Call {
                name,
                args: Args::Positional(items),
            },
            t,
        ) if name.as_ref().is_none_or(|n| n.name != "Some") => match t {
            Tree::Seq(ts) if all(items, ts) => true,
            // A one-value tuple is a newtype to `ron`.
            t => items.len() == 1 && same(&items[0], t),
        },
        (NodeKind::List(items), Tree::Seq(ts)) => all(items, ts),
        (NodeKind::Map(entries), Tree::Map(m)) => {
            entries.len() == m.len()
                && entries
                    .iter()
                    .zip(m)
                    .all(|((k, v), (tk, tv))| same(k, tk) && same(v, tv))
        }
        _ => false,
    }
}

/// The oracle's verdict on one text: None when nook and `ron` agree.
fn disagreement(text: &str) -> Option<String> {
    let nook = syntax::parse(text);
    let ron = ron::from_str::<Tree>(text.strip_prefix('\u{feff}').unwrap_or(text));
    match (nook, ron) {
        (Ok(n), Ok(t)) if same(&n, &t) => None,
        (Ok(n), Ok(t)) => Some(format!("{text:?}: nook read {n:?}, ron read {t:?}")),
        (Ok(n), Err(e)) => Some(format!("{text:?}: nook read {n:?}, ron refuses it: {e}")),
        (Err(_), _) => None,
    }
}

/// Texts of every construct nook reads; each must be read, and read as `ron` does.
const READ: &[&str] = &[
    "List(name: \"x\")",
    "List(name: \"x\",)",
    "(a: 1, b: [1, 2,], c: {\"k\": (1, 2)})",
    "Daily(8)",
    "Some(3)",
    "Some(Some(\"x\"))",
    "[None, Some(1), Bool, Count]",
    "()",
    "( )",
    "Name()",
    "{}",
    "[]",
    "{1: 2, \"a\": true, false: Unit}",
    // Comments.
    "// head\nList(/* a /* nested */ b */ name: \"x\") // tail",
    "List(name: \"x\") // no newline at the end",
    "/**/ 1 /***/",
    // Attributes, at the start only.
    "#![enable(implicit_some)]\nList(name: \"x\")",
    "// c\n#![enable(unwrap_newtypes, implicit_some,)] #![enable(explicit_struct_names)]\n1",
    "#![ enable ( unwrap_variant_newtypes ) ]\n1",
    "#![type = \"nook::Spec\"] 1",
    // Strings and escapes.
    r#""a\"b\\c\nd\te\rf\0g\'h""#,
    r#""\u{48}\u{1F600}\u{10FFFF}""#,
    r#""\x41\x7e\x00""#,
    r#""\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80""#,
    "\"one \\\n    two\"",
    "\"one \\\r\n\t \n  two\"",
    "\"line\nbreak \u{7} raw control\"",
    "r\"raw \\n\"",
    "r#\"say \"hi\"\"#",
    "r##\"a \"# b\"##",
    // Numbers in every base.
    "[0, 7, -7, +7, 1_000, 1__0, 18446744073709551615, 18446744073709551616, -9223372036854775808]",
    "[0x1F, 0x1f, 0xFF_FF, -0x10, 0o17, 0o1_7, 0b101, -0b1, +0x1]",
    "[1.5, -1.5, +1.5, .5, -.5, 5., 1e5, 1E5, 1e-5, 1e+5, 1.5e3, 1_000.5, 1e_5, 1_e5, 1.5_]",
    "[0.1, 3.4028235e38, 1e300, 123456789012345678901234567890]",
    // Identifiers.
    "[_, _a, a_1, Ünïcode, 名前]",
    "true",
];

/// Texts `ron` refuses; nook must refuse each, with a message about what is wrong.
const REFUSE: &[(&str, &str)] = &[
    ("List(name: \"x\") #![enable(implicit_some)]", "start of the file"),
    ("List(#![enable(implicit_some)] name: \"x\")", "start of the file"),
    (
        "#![enable(implicit_sum)]\n1",
        "unknown RON extension `implicit_sum`",
    ),
    ("#![enable()]\n1", "#![enable("),
    ("#![allow(x)]\n1", "#!["),
    ("#[enable(implicit_some)]\n1", "#!["),
    ("List(#[x] name: \"x\")", "#!["),
    ("0X1F", "0X1F"),
    ("0O17", "0O17"),
    ("0B1", "0B1"),
    ("0x_1F", "0x_1F"),
    ("-_1", "-_1"),
    ("._5", "._5"),
    ("1._5", "1._5"),
    ("0x", "0x"),
    ("0b102", "0b102"),
    ("0x1_0000_0000_0000_0000", "too large"),
    ("-0x8000_0000_0000_0001", "too large"),
    ("List(name:\u{a0}\"x\")", "no-break space"),
    ("List(name: \"x\")\u{feff}", "byte order mark"),
    ("List(\u{feff}name: \"x\")", "byte order mark"),
    ("List(name:\u{2003}\"x\")", "U+2003"),
    ("\"\\q\"", "unknown escape"),
    ("\"\\x4\"", "\\x41"),
    ("\"\\x80\"", "\\x80"),
    ("\"\\xC3\"", "\\xC3"),
    ("\"\\u{}\"", "\\u{1F600}"),
    ("\"\\u{D800}\"", "no character"),
    ("Some()", "Some"),
    ("Some(1, 2)", "Some"),
    ("Some(a: 1)", "Some"),
    ("None(1)", "None"),
    ("\"open", "unterminated"),
    ("/* open", "unterminated comment"),
];

/// RON that no spec needs, which nook refuses naming what it is.
const NOT_IN_SPECS: &[(&str, &str)] = &[
    ("List(name: b\"x\")", "byte string"),
    ("List(name: br\"x\")", "byte string"),
    ("List(name: br#\"x\"#)", "byte string"),
    ("List(name: b'x')", "byte string"),
    ("List(r#name: \"x\")", "`r#name` is a raw identifier"),
    ("List(name: r#Text)", "`r#Text` is a raw identifier"),
    ("List(name: r#a-b)", "`r#a-b` is a raw identifier"),
    ("[inf, 1]", "`inf` is no number"),
    ("NaN", "`NaN` is no number"),
    ("1..5", "`1..5` is not a number"),
    ("'a'", "double quotes"),
    ("5u8", "`5u8` is not a number"),
];

#[test]
fn what_specs_do_not_use_is_refused_by_name() {
    let mut problems = Vec::new();
    for (text, says) in NOT_IN_SPECS {
        if let Err(e) = ron::from_str::<Tree>(text) {
            problems.push(format!(
                "{text:?}: ron refuses it too ({e}); list it as a refusal"
            ));
        }
        problems.extend(nook_refusal(text, says));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Why nook's refusal of `text` is not the one expected: it reads it, or
/// its message does not say `says`.
fn nook_refusal(text: &str, says: &str) -> Option<String> {
    match syntax::parse(text) {
        Ok(n) => Some(format!("{text:?}: nook reads it as {n:?}")),
        Err(e) if !e.message.contains(says) => Some(format!(
            "{text:?}: {}: {} (expected it to say {says:?})",
            e.pos, e.message
        )),
        Err(_) => None,
    }
}

#[test]
fn nook_reads_what_ron_reads_the_same() {
    let mut problems = Vec::new();
    for text in READ {
        match syntax::parse(text) {
            Err(e) => problems.push(format!("{text:?}: nook refuses it: {}: {}", e.pos, e.message)),
            Ok(_) => problems.extend(disagreement(text)),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn nook_refuses_what_ron_refuses_and_says_what_it_is() {
    let mut problems = Vec::new();
    for (text, says) in REFUSE {
        if let Ok(t) = ron::from_str::<Tree>(text) {
            problems.push(format!("{text:?}: ron reads it ({t:?}); not a refusal case"));
        }
        problems.extend(nook_refusal(text, says));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_leading_byte_order_mark_is_skipped() {
    assert_eq!(disagreement("\u{feff}List(name: \"x\")"), None);
    assert!(syntax::parse("\u{feff}List(name: \"x\")").is_ok());
}

// ---- generated texts ----

/// Whitespace and comments between tokens.
fn gap() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(String::new()),
        4 => Just(" ".to_string()),
        1 => Just("\n  ".to_string()),
        1 => Just("\t".to_string()),
        1 => Just(" // note\n".to_string()),
        1 => Just("/* c /* d */ */".to_string()),
        1 => Just("\r\n".to_string()),
    ]
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<u32>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| format!("+{n}")),
        any::<u32>().prop_map(|n| format!("0x{n:X}")),
        any::<u32>().prop_map(|n| format!("0x{n:x}")),
        any::<u16>().prop_map(|n| format!("-0o{n:o}")),
        any::<u16>().prop_map(|n| format!("0b{n:b}")),
        (1u32..100_000).prop_map(|n| {
            let s = n.to_string();
            let mid = s.len() / 2;
            format!("{}_{}", &s[..mid.max(1)], &s[mid.max(1)..])
        }),
        (-1e9f64..1e9).prop_map(|f| f.to_string()),
        (-1e9f64..1e9).prop_map(|f| format!("{f:e}")),
        (0u32..1000, 0u32..1000).prop_map(|(a, b)| format!("{a}.{b}")),
        (0u32..1000).prop_map(|b| format!(".{b}")),
        (0u32..1000, -30i32..30).prop_map(|(a, e)| format!("{a}E{e}")),
    ]
}

/// A string literal, plain or raw, with escapes of every kind.
fn string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 ,:()#/*]{0,4}",
        Just("\\n".to_string()),
        Just("\\\"".to_string()),
        Just("\\\\".to_string()),
        Just("\\t".to_string()),
        Just("\\'".to_string()),
        Just("\\0".to_string()),
        (0x20u8..0x7f).prop_map(|b| format!("\\x{b:02x}")),
        any::<char>().prop_map(|c| format!("\\u{{{:x}}}", c as u32)),
        any::<char>().prop_map(|c| {
            let mut b = [0; 4];
            c.encode_utf8(&mut b)
                .bytes()
                .map(|x| format!("\\x{x:02X}"))
                .collect()
        }),
        Just("\\\n   ".to_string()),
        "[é名😀\u{7}\n]",
    ];
    let plain = prop::collection::vec(piece, 0..5).prop_map(|p| format!("\"{}\"", p.concat()));
    let raw = ("[a-z \"#\\\\]{0,8}", 0usize..3).prop_map(|(body, h)| {
        let hashes = "#".repeat(h + body.matches('"').count().min(1) * 3);
        format!("r{hashes}\"{body}\"{hashes}")
    });
    prop_oneof![3 => plain, 1 => raw]
}

fn ident() -> impl Strategy<Value = String> {
    "[A-Za-z_][A-Za-z0-9_]{0,6}".prop_filter("a word of its own", |s| {
        !matches!(
            s.as_str(),
            "true" | "false" | "Some" | "None" | "inf" | "NaN" | "r" | "b" | "br"
        ) && !s.starts_with("inf")
            && !s.starts_with("NaN")
    })
}

/// A RON value, written with gaps and trailing commas here and there.
fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        number(),
        string(),
        ident(),
        Just("true".to_string()),
        Just("false".to_string()),
        Just("None".to_string()),
        Just("()".to_string()),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        let item = (gap(), inner.clone(), gap()).prop_map(|(a, v, b)| format!("{a}{v}{b}"));
        let items = (prop::collection::vec(item, 0..4), any::<bool>())
            .prop_map(|(v, trailing)| {
                let mut s = v.join(",");
                if trailing && !v.is_empty() {
                    s.push(',');
                }
                s
            })
            .boxed();
        let fields = (
            prop::collection::vec((ident(), gap(), inner.clone()), 1..4),
            any::<bool>(),
        )
            .prop_map(|(v, trailing)| {
                let mut s = v
                    .iter()
                    .map(|(k, g, v)| format!("{k}{g}:{g}{v}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                if trailing {
                    s.push(',');
                }
                s
            })
            .boxed();
        let entries = prop::collection::vec((inner.clone(), gap(), inner.clone()), 0..3).prop_map(|v| {
            v.iter()
                .map(|(k, g, v)| format!("{k}{g}:{g}{v}"))
                .collect::<Vec<_>>()
                .join(",")
        });
        prop_oneof![
            items.clone().prop_map(|s| format!("[{s}]")),
            (ident(), fields.clone()).prop_map(|(n, f)| format!("{n}({f})")),
            fields.prop_map(|f| format!("({f})")),
            (ident(), items.clone()).prop_map(|(n, s)| format!("{n}({s})")),
            items.prop_map(|s| format!("({s})")),
            entries.prop_map(|s| format!("{{{s}}}")),
            (inner, gap()).prop_map(|(v, g)| format!("Some({g}{v}{g})")),
        ]
    })
}

/// A whole text: an optional attribute, then a value between gaps.
fn document() -> impl Strategy<Value = String> {
    let attribute = prop_oneof![
        3 => Just(String::new()),
        1 => Just("#![enable(implicit_some)]\n".to_string()),
        1 => Just("#![enable(unwrap_newtypes, unwrap_variant_newtypes)] ".to_string()),
    ];
    (attribute, gap(), value(), gap()).prop_map(|(a, g, v, h)| format!("{a}{g}{v}{h}"))
}

/// Characters that sit at the edges of the grammar.
fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("#"),
        Just("#!["),
        Just("#["),
        Just("_"),
        Just("."),
        Just("\u{a0}"),
        Just("\u{feff}"),
        Just("\u{2028}"),
        Just("\\"),
        Just("\\x"),
        Just("\""),
        Just("r#"),
        Just("b"),
        Just("0x"),
        Just("0X"),
        Just("e"),
        Just("-"),
        Just("+"),
        Just(","),
        Just(":"),
        Just("("),
        Just(")"),
        Just("]"),
        Just("/"),
        Just("*"),
        Just("'"),
        Just("\n"),
        Just("Some"),
        Just("inf"),
    ]
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn generated_texts_read_as_ron_reads_them(text in document()) {
        if let Err(e) = syntax::parse(&text) {
            prop_assert!(false, "{text:?}: nook refuses it: {}: {}", e.pos, e.message);
        }
        if let Some(d) = disagreement(&text) {
            prop_assert!(false, "{d}");
        }
    }

    #[test]
    fn damaged_texts_never_read_where_ron_refuses(
        text in document(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..3, tricky()), 1..4),
    ) {
        let mut chars: Vec<char> = text.chars().collect();
        for (at, remove, insert) in cuts {
            let i = at.index(chars.len() + 1);
            let end = (i + remove).min(chars.len());
            chars.splice(i..end, insert.chars());
        }
        let text: String = chars.into_iter().collect();
        if let Some(d) = disagreement(&text) {
            prop_assert!(false, "{d}");
        }
    }
}
