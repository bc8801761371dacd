//! Tests of the terminal interface: the App driven in-process and drawn to a test backend, and the real binary in a pseudo-terminal.
//! One test binary (one link of nook) holding many modules: see
//! "Tests" in docs/architecture.md for how the tests are grouped.

// Tests and benchmarks drive nook from outside: they start it, git and
// shells, and print what they measure.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

#[path = "../common/mod.rs"]
mod common;
#[path = "../pty/mod.rs"]
mod pty;

mod agenda;
mod calendar;
mod charts;
mod crash;
mod drift;
mod due;
mod e2e;
mod editor;
mod figures;
mod first_screen;
mod flows;
mod formulas;
mod input;
mod keys;
mod lifecycle;
mod lost_updates;
mod named_views;
mod parallel;
mod records;
mod reminders;
mod screens;
mod timers;
mod views;
mod workspace;
