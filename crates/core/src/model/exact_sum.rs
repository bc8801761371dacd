//! A sum of doubles kept exactly, so that taking a value out again (a
//! deleted item, an edited one) leaves the sum of what remains, not a
//! rounded running total: 1e16 + 1 − 1e16 is 1, and 1e308 + 5 − 1e308 is 5.
//!
//! Shewchuk's expansion, as Python's `math.fsum` keeps it: the exact sum is
//! held as non-overlapping partials in increasing magnitude; adding a value
//! is exact (two-sum at each step), and the double is rounded once, when it
//! is read.

/// An exact sum of finite doubles. Empty is zero.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExactSum {
    partials: Vec<f64>,
}

impl ExactSum {
    /// A sum from stored partials (as [`ExactSum::partials`] gave them, or
    /// one plain total from an older record). Zeros are dropped.
    pub fn from_partials(mut partials: Vec<f64>) -> ExactSum {
        partials.retain(|p| *p != 0.0);
        let mut s = ExactSum::default();
        // Re-added, so partials from anywhere become non-overlapping again.
        for p in partials {
            s.add(p);
        }
        s
    }

    /// The partials, in increasing magnitude; their exact sum is the sum.
    pub fn partials(&self) -> &[f64] {
        &self.partials
    }

    /// Adds `x` exactly. A sum that leaves the doubles (beyond about
    /// 1.8e308) is no longer finite: see [`ExactSum::is_finite`].
    pub fn add(&mut self, mut x: f64) {
        let mut i = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                self.partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        self.partials.truncate(i);
        if x != 0.0 || !x.is_finite() {
            self.partials.push(x);
        }
    }

    pub fn sub(&mut self, x: f64) {
        self.add(-x);
    }

    /// Adds another sum exactly.
    pub fn add_sum(&mut self, other: &ExactSum) {
        for p in &other.partials {
            self.add(*p);
        }
    }

    /// Whether every partial, and so the rounded sum, is a finite number.
    pub fn is_finite(&self) -> bool {
        self.partials.iter().all(|p| p.is_finite()) && self.value().is_finite()
    }

    /// The sum rounded to the nearest double (ties to even), as `math.fsum`.
    pub fn value(&self) -> f64 {
        let p = &self.partials;
        let Some(&top) = p.last() else {
            return 0.0;
        };
        let mut n = p.len() - 1;
        let mut hi = top;
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            let y = p[n - 1];
            n -= 1;
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        // Round half to even across the partials below, as fsum does.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
        hi
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(xs: &[f64]) -> ExactSum {
        let mut s = ExactSum::default();
        for x in xs {
            s.add(*x);
        }
        s
    }

    #[test]
    fn taking_a_value_out_leaves_the_sum_of_the_rest() {
        for (a, b) in [(1e308, 5.0), (1e16, 1.0), (0.1, 0.2), (1e100, -3.5)] {
            let mut s = sum(&[a, b]);
            s.sub(a);
            assert_eq!(s.value(), b, "{a} {b}");
        }
        let mut s = sum(&[1e17, 3.0, 3.0, 3.0]);
        s.sub(1e17);
        assert_eq!(s.value(), 9.0);
        let mut s = sum(&[0.1, 0.2, 0.3]);
        for x in [0.1, 0.2, 0.3] {
            s.sub(x);
        }
        assert_eq!(s.value(), 0.0);
        assert!(s.partials().is_empty());
    }

    #[test]
    fn the_value_is_the_correctly_rounded_sum() {
        assert_eq!(sum(&[0.1; 10]).value(), 1.0);
        assert_eq!(sum(&[1e16, 1.0, 1.0]).value(), 1e16 + 2.0);
        assert_eq!(sum(&[]).value(), 0.0);
    }

    #[test]
    fn a_sum_beyond_the_doubles_is_not_finite_and_partials_read_back() {
        assert!(!sum(&[1e308, 1e308]).is_finite());
        assert!(sum(&[1e308, -1e308, 1e308]).is_finite());
        let s = sum(&[1e16, 1.0, 0.5]);
        assert_eq!(ExactSum::from_partials(s.partials().to_vec()), s);
        assert_eq!(ExactSum::from_partials(vec![7.0]).value(), 7.0);
    }
}
