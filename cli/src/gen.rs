//! `tuoyu gen-claims`: realistic, varied claims for benchmarks and tests, deterministic per seed.
//!
//! Each claim is built from a random facility (years 2018–2028, both taxpayer kinds, monthly
//! revenue arrays sometimes, properties, land and acquisitions, taxable income around the
//! 3,000,000 small low-profit cap), then **assessed with calc-core** to get the right amounts,
//! which are claimed as they are or perturbed (over, under, within 0.01). Claims of ineligible or
//! out-of-window facilities claim what an eligible facility would. A few rows are malformed on
//! purpose. The generator computes nothing itself: every figure comes from calc-core.

use crate::batch::Format;
use calc_core::frontend::flat::{csv_line, ClaimHeaders, CLAIM_COLUMNS};
use calc_core::request::{
    Acquisition, AcquisitionKind, Amount, Facility, IncomeTax, LegalForm, LocationClass, Plot,
    Property, Request, Revenue, ServiceMode, Taxpayer, Tenure, VatKind, REQUEST_SCHEMA,
};
use calc_core::verify::{verify_claim, Claim, Claimed, CLAIM_SCHEMA};
use calc_core::Dec;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::io::Write;

/// SplitMix64: a tiny, good-enough generator; one stream per claim index so that output does
/// not depend on the number of threads.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// The stream of claim `index` for `seed`.
    #[must_use]
    pub fn new(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B);
        let a = r.next_u64();
        Rng(a ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n.max(1))) >> 64) as u64
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }
    /// True with probability `per_mille / 1000`.
    pub fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }
    /// An amount in yuan with cents, uniform in `[lo, hi]` yuan.
    pub fn money(&mut self, lo: i64, hi: i64) -> Decimal {
        Decimal::new(self.range(lo * 100, hi * 100), 2)
    }
    /// A whole amount in yuan.
    pub fn yuan(&mut self, lo: i64, hi: i64) -> Decimal {
        Decimal::from(self.range(lo, hi))
    }
}

/// One generated row.
#[derive(Debug, Clone)]
pub enum Row {
    /// A well-formed claim.
    Claim(Box<Claim>),
    /// A claim written wrongly on purpose: (claim, how).
    Malformed(Box<Claim>, u8),
    /// A blank line (JSON Lines only).
    Blank,
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A random facility and year.
#[must_use]
pub fn request(rng: &mut Rng) -> Request {
    let year = rng.range(2018, 2028) as i32;
    let legal_form = match rng.below(100) {
        0..=84 => LegalForm::Enterprise,
        85..=89 => LegalForm::PublicInstitution,
        90..=94 => LegalForm::SocialOrganization,
        95..=97 => LegalForm::IndividualBusiness,
        _ => LegalForm::Other,
    };
    let mut modes = Vec::new();
    for m in [
        ServiceMode::FullDay,
        ServiceMode::HalfDay,
        ServiceMode::Hourly,
        ServiceMode::Temporary,
    ] {
        if rng.chance(500) {
            modes.push(m);
        }
    }
    if modes.is_empty() {
        modes.push(ServiceMode::FullDay);
    }
    let facility = Facility {
        region: None,
        name: rng
            .chance(300)
            .then(|| format!("托育园{}", rng.below(100_000))),
        legal_form,
        community_based: rng.chance(960),
        service_modes: modes,
        filed_with_health_commission: rng.chance(900),
        location_class: match rng.below(10) {
            0..=4 => Some(LocationClass::Urban),
            5..=7 => Some(LocationClass::Town),
            8 => Some(LocationClass::Other),
            _ => None,
        },
        nursery_vat_law: None,
    };
    let small = rng.chance(500);
    let taxpayer = Taxpayer {
        vat: Some(if small {
            VatKind::SmallScale
        } else {
            VatKind::General
        }),
        small_low_profit: match rng.below(10) {
            0..=5 => Some(true),
            6..=8 => Some(false),
            _ => None,
        },
        vat_period: None,
    };
    let annual = if small {
        rng.money(150_000, 2_400_000)
    } else {
        rng.money(400_000, 20_000_000)
    };
    let childcare = if rng.chance(250) {
        let mut m = [Decimal::ZERO; 12];
        for v in &mut m {
            // Around a twelfth, ±40%.
            let share = Decimal::new(rng.range(60, 140), 2);
            *v = calc_core::money::round_money(annual * share / Decimal::from(12));
        }
        Amount::Monthly(m)
    } else {
        Amount::Annual(annual)
    };
    let other = match rng.below(10) {
        0..=4 => None,
        5..=6 => Some(Amount::Annual(Decimal::ZERO)),
        _ => Some(Amount::Annual(rng.money(10_000, 1_500_000))),
    };
    let input_vat = (!small && rng.chance(700)).then(|| Dec(rng.money(0, 300_000)));
    let revenue = Revenue {
        childcare: Some(childcare),
        other,
        input_vat_on_childcare: input_vat,
    };
    let income_tax = rng.chance(800).then(|| {
        let ti = if rng.chance(400) {
            // Around the small low-profit cap (the cliff at 3,000,000).
            rng.money(2_700_000, 3_400_000)
        } else {
            rng.money(-500_000, 8_000_000)
        };
        IncomeTax {
            taxable_income: Some(Dec(ti)),
        }
    });
    let mut properties = Vec::new();
    for _ in 0..rng.below(3) {
        let tenure = match rng.below(10) {
            0..=4 => Tenure::Owned,
            5..=8 => Tenure::Leased,
            _ => Tenure::FreeUse,
        };
        let mut p = Property {
            tenure: Some(tenure),
            ..Property::default()
        };
        if tenure == Tenure::Leased {
            p.annual_rent = Some(Dec(rng.yuan(36_000, 1_200_000)));
        } else {
            p.original_value = Some(Dec(rng.yuan(300_000, 30_000_000)));
        }
        if rng.chance(250) {
            p.used_from = date(year + rng.range(-2, 0) as i32, rng.range(1, 12) as u32, 1);
        }
        if rng.chance(100) {
            p.used_to = date(year, rng.range(7, 12) as u32, 28);
            // A valid claim stops using the building after it started (the month drawn above
            // can fall before a start late in the same year).
            if let (Some(from), Some(to)) = (p.used_from, p.used_to) {
                if to < from {
                    p.used_to = date(year, 12, 31);
                }
            }
        }
        properties.push(p);
    }
    let mut land = Vec::new();
    if rng.chance(350) {
        land.push(Plot {
            area_m2: Some(Dec(rng.yuan(80, 6_000))),
            tax_per_m2: Some(Dec(Decimal::new(rng.range(100, 3_200), 2))),
            tenure: match rng.below(4) {
                0 => None,
                1 => Some(Tenure::Leased),
                _ => Some(Tenure::Owned),
            },
            used_from: None,
            used_to: None,
        });
    }
    let mut acquisitions = Vec::new();
    if rng.chance(150) {
        acquisitions.push(Acquisition {
            kind: Some(if rng.chance(700) {
                AcquisitionKind::House
            } else {
                AcquisitionKind::Land
            }),
            price: Some(Dec(rng.yuan(400_000, 12_000_000))),
            date: date(
                year + i32::from(rng.chance(100)),
                rng.range(1, 12) as u32,
                rng.range(1, 28) as u32,
            ),
        });
    }
    Request {
        schema: REQUEST_SCHEMA.to_string(),
        year,
        facility,
        taxpayer: Some(taxpayer),
        revenue: Some(revenue),
        income_tax,
        properties,
        land,
        acquisitions,
        fees: None,
        utilities: None,
        parameters: BTreeMap::new(),
        fee_benchmark: None,
        capacity: None,
        donations: None,
        household: None,
        scenario: None,
    }
}

/// The amounts calc-core recomputes for every item of `request` (claiming 0 for each).
fn recomputed(request: &Request) -> [Decimal; 5] {
    let zero = Some(Dec(Decimal::ZERO));
    let probe = Claim {
        schema: CLAIM_SCHEMA.to_string(),
        id: None,
        request: request.clone(),
        claimed: Claimed {
            vat_exempt_sales: zero,
            cit_income_reduction: zero,
            property_tax_exempt: zero,
            land_use_tax_exempt: zero,
            deed_tax_exempt: zero,
        },
    };
    let r = verify_claim(&probe);
    let mut out = [Decimal::ZERO; 5];
    for (i, name) in calc_core::frontend::flat::CLAIM_ITEMS.iter().enumerate() {
        if let Some(it) = r.items.iter().find(|it| it.item == *name) {
            out[i] = it.recomputed.0;
        }
    }
    out
}

/// Claim `index` of the stream `seed`; `malformed_per_mille` of them malformed, a few blank.
#[must_use]
pub fn row(seed: u64, index: u64, malformed_per_mille: u64, blanks: bool) -> Row {
    let mut rng = Rng::new(seed, index);
    // Always draw, so JSON Lines and CSV files of one seed hold the same claims.
    if rng.chance(2) && blanks {
        return Row::Blank;
    }
    let request = request(&mut rng);
    let f = &request.facility;
    // Out of window or not eligible: claim what an eligible facility in a window would.
    let blocked = !(2019..=2027).contains(&request.year)
        || matches!(
            f.legal_form,
            LegalForm::IndividualBusiness | LegalForm::Other
        )
        || !f.community_based;
    let amounts = if blocked {
        let mut r = request.clone();
        r.year = 2024;
        r.facility.legal_form = LegalForm::Enterprise;
        r.facility.community_based = true;
        for a in &mut r.acquisitions {
            a.date = date(2024, 6, 1);
        }
        recomputed(&r)
    } else {
        recomputed(&request)
    };
    let present = [
        rng.chance(950),
        request.income_tax.is_some() && rng.chance(900),
        !request.properties.is_empty() && rng.chance(900),
        !request.land.is_empty() && rng.chance(900),
        !request.acquisitions.is_empty() && rng.chance(950),
    ];
    let mut claimed = [None; 5];
    for i in 0..5 {
        if present[i] {
            claimed[i] = Some(amounts[i]);
        }
    }
    // Perturb one claimed item: 12% over, 8% under, 5% within a cent.
    let which = rng.below(5) as usize;
    if let Some(v) = claimed[which] {
        let roll = rng.below(100);
        let delta = match roll {
            0..=11 => v * Decimal::new(rng.range(1, 300), 3) + Decimal::ONE,
            12..=19 => -(v * Decimal::new(rng.range(1, 300), 3)).min(v),
            20..=24 => Decimal::new(rng.range(-1, 1), 2),
            _ => Decimal::ZERO,
        };
        let nv = calc_core::money::round_money(v + delta);
        claimed[which] = Some(if nv.is_sign_negative() {
            Decimal::ZERO
        } else {
            nv
        });
    }
    let d = |x: Option<Decimal>| x.map(Dec);
    let claim = Claim {
        schema: CLAIM_SCHEMA.to_string(),
        id: Some(format!("{}-{index:07}", request.year)),
        request,
        claimed: Claimed {
            vat_exempt_sales: d(claimed[0]),
            cit_income_reduction: d(claimed[1]),
            property_tax_exempt: d(claimed[2]),
            land_use_tax_exempt: d(claimed[3]),
            deed_tax_exempt: d(claimed[4]),
        },
    };
    if rng.chance(malformed_per_mille) {
        return Row::Malformed(Box::new(claim), rng.below(6) as u8);
    }
    Row::Claim(Box::new(claim))
}

/// The header the generator writes for CSV: every column plus a second property.
#[must_use]
pub fn csv_header() -> Vec<String> {
    let mut h: Vec<String> = CLAIM_COLUMNS.iter().map(|c| c.name.to_string()).collect();
    let pos = h
        .iter()
        .position(|c| c == "property_used_to")
        .map_or(h.len(), |i| i + 1);
    for (k, c) in [
        "property2_tenure",
        "property2_original_value",
        "property2_annual_rent",
        "property2_used_from",
        "property2_used_to",
    ]
    .iter()
    .enumerate()
    {
        h.insert(pos + k, (*c).to_string());
    }
    h
}

fn write_row(out: &mut Vec<u8>, row: &Row, format: Format, headers: &ClaimHeaders) {
    match (row, format) {
        (Row::Blank, Format::Jsonl) => out.push(b'\n'),
        (Row::Blank, Format::Csv | Format::Xlsx) => {}
        (Row::Claim(c), Format::Jsonl) => {
            let _ = serde_json::to_writer(&mut *out, c.as_ref());
            out.push(b'\n');
        }
        (Row::Claim(c), Format::Csv | Format::Xlsx) => {
            if let Ok(cells) = headers.record(c) {
                out.extend_from_slice(csv_line(&cells).as_bytes());
            }
        }
        (Row::Malformed(c, how), Format::Jsonl) => {
            let text = serde_json::to_string(c.as_ref()).unwrap_or_default();
            let bad = match how {
                0 => text[..text.len() / 2].to_string(),
                1 => text.replacen("\"year\":", "\"yaer\":", 1),
                2 => text.replacen(
                    "\"schema\":\"tuoyu.claim.v1\",",
                    "\"schema\":\"tuoyu.claim.v1\",\"colour\":\"red\",",
                    1,
                ),
                3 => {
                    let mut c = c.as_ref().clone();
                    c.claimed.deed_tax_exempt = Some(Dec(Decimal::from(-5)));
                    serde_json::to_string(&c).unwrap_or_default()
                }
                4 => text.replacen("\"childcare\":\"", "\"childcare\":\"1,", 1),
                _ => "this is not JSON at all".to_string(),
            };
            out.extend_from_slice(bad.as_bytes());
            out.push(b'\n');
        }
        (Row::Malformed(c, how), Format::Csv | Format::Xlsx) => {
            let Ok(mut cells) = headers.record(c) else {
                return;
            };
            let col = |n: &str| headers.names().iter().position(|h| h == n).unwrap_or(0);
            match how {
                0 => {
                    cells.pop();
                }
                1 => cells[col("year")] = "20x6".into(),
                2 => cells[col("childcare_revenue")] = "1,000,000".into(),
                3 => cells[col("claimed_deed_tax_exempt")] = "-5".into(),
                4 => cells[col("legal_form")] = "company".into(),
                _ => cells[col("property_used_from")] = "2026-13-01".into(),
            }
            out.extend_from_slice(csv_line(&cells).as_bytes());
        }
    }
}

/// Whether a row is a claim whose report will be `invalid_input` (for tests).
#[must_use]
pub fn is_malformed(row: &Row) -> bool {
    matches!(row, Row::Malformed(..))
}

/// Writes `count` rows to `out`, using `threads` threads; the bytes do not depend on `threads`.
///
/// # Errors
/// A write error.
pub fn generate(
    out: &mut dyn Write,
    count: u64,
    seed: u64,
    format: Format,
    malformed_per_mille: u64,
    threads: usize,
) -> std::io::Result<()> {
    let names = csv_header();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let headers = ClaimHeaders::new(&refs).map_err(|e| std::io::Error::other(e.message_en()))?;
    if format == Format::Csv {
        out.write_all(csv_line(&names).as_bytes())?;
    }
    const BLOCK: u64 = 2048;
    let threads = threads.max(1) as u64;
    let mut start = 0u64;
    while start < count {
        let blocks: Vec<Vec<u8>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    let from = start + t * BLOCK;
                    let to = (from + BLOCK).min(count);
                    let headers = &headers;
                    s.spawn(move || {
                        let mut buf = Vec::new();
                        for i in from..to {
                            let r = row(seed, i, malformed_per_mille, format == Format::Jsonl);
                            write_row(&mut buf, &r, format, headers);
                        }
                        buf
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        for b in blocks {
            out.write_all(&b)?;
        }
        start += threads * BLOCK;
    }
    out.flush()
}
