//! The version of the built-in parameter data: a fingerprint of `data/parameters.toml` and the
//! region packs as compiled in, so a printed or exported result says which figures it used.

/// FNV-1a (64-bit) over the parts, at compile time.
const fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut p = 0;
    while p < parts.len() {
        let bytes = parts[p];
        let mut i = 0;
        while i < bytes.len() {
            h ^= bytes[i] as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
            i += 1;
        }
        p += 1;
    }
    h
}

const HASH: u64 = fnv1a(&[
    include_bytes!("../data/parameters.toml"),
    include_bytes!("../data/regions/530000-yunnan.toml"),
    include_bytes!("../data/regions/530100-kunming.toml"),
    include_bytes!("../data/regions/530115-jinning.toml"),
]);

/// The first 12 hex digits of [`HASH`].
const HEX: [u8; 12] = {
    let digits = b"0123456789abcdef";
    let mut out = [0u8; 12];
    let mut i = 0;
    while i < 12 {
        out[i] = digits[((HASH >> (60 - 4 * i)) & 0xf) as usize];
        i += 1;
    }
    out
};

/// The fingerprint of the built-in parameter data (12 hex digits of an FNV-1a hash of the
/// parameter file and the region packs): any change to a figure, a window or a citation changes it.
pub const PARAMETER_DATA_DIGEST: &str = match core::str::from_utf8(&HEX) {
    Ok(s) => s,
    Err(_) => "",
};

/// The parameter data's version as people read it: the crate version and the data fingerprint,
/// e.g. `0.1.0+data.3f9c0a1b2c4d`.
#[must_use]
pub fn parameter_data_version() -> String {
    format!(
        "{}+data.{}",
        env!("CARGO_PKG_VERSION"),
        PARAMETER_DATA_DIGEST
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_twelve_hex_digits_and_follows_the_data() {
        assert_eq!(PARAMETER_DATA_DIGEST.len(), 12);
        assert!(PARAMETER_DATA_DIGEST.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(fnv1a(&[b"a = 1"]), fnv1a(&[b"a = 2"]));
        assert!(parameter_data_version().ends_with(PARAMETER_DATA_DIGEST));
    }

    #[test]
    fn every_region_pack_is_in_the_digest() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/regions");
        let packs = std::fs::read_dir(dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
                    .count()
            })
            .unwrap_or(0);
        assert_eq!(packs, 3, "add the new pack to HASH in data_version.rs");
    }
}
