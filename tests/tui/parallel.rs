//! Many nooks at once: CLI writers in parallel, a TUI beside CLI writers,
//! two TUIs. Every write succeeds, each process sees the others' writes,
//! nothing is lost, nothing panics, and the database stays sound.

#![cfg(unix)]

use crate::common;
use crate::pty;

use std::collections::BTreeSet;

use common::Home;
use pty::{Key, TIMEOUT, Tui};

const WRITERS: usize = 8;
const EACH: usize = 12;

#[test]
fn parallel_cli_writers_all_succeed_and_lose_nothing() {
    let home = Home::installed();
    std::thread::scope(|s| {
        for w in 0..WRITERS {
            let home = &home;
            s.spawn(move || {
                for i in 0..EACH {
                    let out = home
                        .nook(["add", "groceries", &format!("w{w}-{i}")])
                        .output()
                        .unwrap();
                    let err = String::from_utf8_lossy(&out.stderr);
                    assert!(out.status.success(), "writer {w} add {i}: {err}");
                    let out = home.nook(["log", "water", "1"]).output().unwrap();
                    assert!(
                        out.status.success(),
                        "writer {w} log {i}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            });
        }
    });
    let items = home.items("groceries");
    let texts: BTreeSet<String> = items
        .iter()
        .map(|i| i["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts.len(), WRITERS * EACH, "every add is there, once");
    let ids: BTreeSet<String> = items.iter().map(common::id_of).collect();
    assert_eq!(ids.len(), WRITERS * EACH, "no two adds share an id");
    let water = home.export("water");
    let total: f64 = water["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["value"].as_f64().unwrap())
        .sum();
    assert_eq!(total, (WRITERS * EACH) as f64, "every +1 counted: {water}");
    assert!(home.ok(["ls"]).contains(&format!("0/{} done", WRITERS * EACH)));
    assert!(home.ok(["doctor"]).contains(": ok"));
}

#[test]
fn a_tui_and_cli_writers_see_each_other() {
    let home = Home::installed();
    let mut tui = Tui::spawn(home.path(), ["open", "groceries"]).unwrap();
    tui.wait_for("q quit", TIMEOUT).unwrap();
    std::thread::scope(|s| {
        let writers: Vec<_> = (0..3)
            .map(|w| {
                let home = &home;
                s.spawn(move || {
                    for i in 0..5 {
                        home.ok(["add", "groceries", &format!("cli{w}-{i}")]);
                    }
                })
            })
            .collect();
        for i in 0..5 {
            tui.send("a");
            tui.wait_for("New item", TIMEOUT).unwrap();
            tui.send(&format!("tui-{i}"));
            tui.send_key(Key::Enter);
            tui.wait_for(&format!("[ ] tui-{i}"), TIMEOUT).unwrap();
        }
        for w in writers {
            w.join().unwrap();
        }
    });
    // The TUI picks up the shell's adds by itself.
    tui.wait_for("0/20 done", TIMEOUT).unwrap();
    tui.wait_for("cli2-4", TIMEOUT).unwrap();
    // Opened from the shell: q goes back to it.
    tui.send("q");
    assert!(tui.wait_exit(TIMEOUT).unwrap().success());
    assert_eq!(home.items("groceries").len(), 20);
    assert!(home.ok(["doctor"]).contains(": ok"));
}

#[test]
fn two_tuis_see_each_others_adds() {
    let home = Home::installed();
    let mut a = Tui::spawn(home.path(), ["open", "groceries"]).unwrap();
    let mut b = Tui::spawn(home.path(), ["open", "groceries"]).unwrap();
    a.wait_for("q quit", TIMEOUT).unwrap();
    b.wait_for("q quit", TIMEOUT).unwrap();
    for (tui, text) in [(&mut a, "from a"), (&mut b, "from b")] {
        tui.send("a");
        tui.wait_for("New item", TIMEOUT).unwrap();
        tui.send(text);
        tui.send_key(Key::Enter);
        tui.wait_for(&format!("[ ] {text}"), TIMEOUT).unwrap();
    }
    a.wait_for("[ ] from b", TIMEOUT).unwrap();
    b.wait_for("[ ] from a", TIMEOUT).unwrap();
    for tui in [&mut a, &mut b] {
        tui.send("q");
        assert!(tui.wait_exit(TIMEOUT).unwrap().success());
    }
    assert_eq!(home.items("groceries").len(), 2);
}
