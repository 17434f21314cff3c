//! Chart arithmetic without core's float parsing and formatting: a decimal to `f64`, and an `f64`
//! written with a fixed number of decimals. Both give exactly what `text.parse::<f64>()` and
//! `format!("{x:.d}")` give (checked against them in the tests), with much less code in the
//! page: core's float parser carries a 10 KB table of powers of five.

use rust_decimal::Decimal;

/// The `f64` nearest to `d`, as `d.to_string().parse::<f64>()` gives, for every decimal of at
/// most 21 decimal places after trailing zeros are dropped (closer decimals are within an ulp).
#[must_use]
pub fn dec_to_f64(d: Decimal) -> f64 {
    let d = if d.scale() > 21 { d.normalize() } else { d };
    let m = d.mantissa().unsigned_abs();
    let s = d.scale();
    let v = if m == 0 || s == 0 {
        m as f64
    } else if s <= 21 {
        // m / 10^s rounded once: a quotient of at least 56 bits with a sticky bit for the
        // remainder, converted (rounded to nearest, ties to even), then scaled by a power of two.
        let p = 10u128.pow(s);
        let bits = |x: u128| 128 - x.leading_zeros();
        let shift = (bits(p) + 56).saturating_sub(bits(m));
        let n = m << shift;
        let q = (n / p) | u128::from(n % p != 0);
        (q as f64) * f64::from_bits(u64::from(1023 - shift) << 52)
    } else {
        let p = 10u128.pow(s - 21);
        (m / p) as f64 / 1e21
    };
    if d.is_sign_negative() {
        -v
    } else {
        v
    }
}

fn push_digits(out: &mut String, mut n: u128, min_len: usize) {
    let mut buf = [b'0'; 40];
    let mut i = buf.len();
    while n > 0 || buf.len() - i < min_len {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend(buf[i..].iter().map(|&b| char::from(b)));
}

/// `x` with `decimals` digits after the point (at most 3), exactly as `format!("{x:.3}")`: the
/// exact binary value rounded half to even, a minus sign on negative values and on `-0`.
#[must_use]
pub fn fixed(x: f64, decimals: u32) -> String {
    let mut out = String::new();
    if x.is_nan() {
        return "NaN".to_string();
    }
    if x.is_sign_negative() {
        out.push('-');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return out;
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, exp - 1075)
    };
    // The value times 10^decimals is q · 2^e.
    let q = u128::from(m) * 10u128.pow(decimals);
    let mut digits = String::new();
    if e > 64 {
        // A whole number too large for u128: double its decimal digits e times.
        let mut d: Vec<u8> = Vec::new();
        let mut n = q;
        while n > 0 {
            d.push((n % 10) as u8);
            n /= 10;
        }
        for _ in 0..e {
            let mut carry = 0;
            for x in &mut d {
                let v = *x * 2 + carry;
                *x = v % 10;
                carry = v / 10;
            }
            if carry > 0 {
                d.push(carry);
            }
        }
        digits.extend(d.iter().rev().map(|&x| char::from(b'0' + x)));
    } else {
        let n = if e >= 0 {
            q << e
        } else if e <= -128 {
            0
        } else {
            let k = e.unsigned_abs();
            let n = q >> k;
            let rem = q & ((1u128 << k) - 1);
            let half = 1u128 << (k - 1);
            n + u128::from(rem > half || (rem == half && n & 1 == 1))
        };
        push_digits(&mut digits, n, decimals as usize + 1);
    }
    let point = digits.len() - decimals as usize;
    out.push_str(&digits[..point]);
    if decimals > 0 {
        out.push('.');
        out.push_str(&digits[point..]);
    }
    out
}

/// `x` as `x.to_string()` writes it, for whole numbers below 2^53 and numbers of at most three
/// decimals and fifteen digits (a chart's marks: rounded figures and parameters).
#[must_use]
pub fn plain(x: f64) -> String {
    let s = fixed(x, 3);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Sorts `v` stably by `less`, as `sort_by` does, by insertion: the page sorts a few dozen items
/// at a time (keys of a section, bars, the points of a curve, mostly in order already), and each
/// `sort_by` would bring its own copy of the standard library's merge sort.
pub fn sort_by<T>(v: &mut [T], less: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}
