//! The peer's built-in algorithms, as Node's `zlib` runs them: gzip, deflate and raw deflate on
//! zlib-rs (with zlib's own parameters: level, window bits, memory level, strategy), brotli on
//! the Rust port of Google's encoder (with Node's `BROTLI_PARAM_*` numbers).

use std::io::Cursor;

use zlib_rs::{
  ReturnCode,
  deflate::{DeflateConfig, Method, Strategy},
};

/// A built-in algorithm, by its `zlib` function name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
  /// `zlib.gzip`.
  Gzip,
  /// `zlib.deflate`: zlib-wrapped deflate.
  Deflate,
  /// `zlib.deflateRaw`.
  DeflateRaw,
  /// `zlib.brotliCompress`.
  BrotliCompress,
}

impl Algorithm {
  /// Every algorithm, by the name the option takes.
  pub const ALL: [(&'static str, Algorithm); 4] = [
    ("gzip", Algorithm::Gzip),
    ("deflate", Algorithm::Deflate),
    ("deflateRaw", Algorithm::DeflateRaw),
    ("brotliCompress", Algorithm::BrotliCompress),
  ];

  /// The algorithm named `name`, as in `zlib[name]`.
  pub fn from_name(name: &str) -> Option<Self> {
    Self::ALL
      .iter()
      .find(|(known, _)| *known == name)
      .map(|(_, algorithm)| *algorithm)
  }

  /// The option's name: `gzip`, `brotliCompress`.
  pub fn name(self) -> &'static str {
    Self::ALL
      .iter()
      .find(|(_, algorithm)| *algorithm == self)
      .map(|(name, _)| *name)
      .expect("every algorithm is listed")
  }
}

/// `compressionOptions`, with the peer's defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct CodecOptions {
  /// zlib's `level`: 0 to 9, or -1 for zlib's default (6). The peer's default is 9.
  pub level: i32,
  /// zlib's `windowBits`: 8 to 15. Default 15.
  pub window_bits: i32,
  /// zlib's `memLevel`: 1 to 9. Default 8.
  pub mem_level: i32,
  /// zlib's `strategy`: 0 to 4. Default 0.
  pub strategy: i32,
  /// Brotli's parameters, by Node's `BROTLI_PARAM_*` number. The peer's default sets quality 11.
  pub brotli_params: Vec<(u32, u32)>,
}

impl Default for CodecOptions {
  fn default() -> Self {
    Self {
      level: 9,
      window_bits: 15,
      mem_level: 8,
      strategy: 0,
      brotli_params: vec![(BROTLI_PARAM_QUALITY, 11)],
    }
  }
}

/// `zlib.constants.BROTLI_PARAM_MODE`.
pub const BROTLI_PARAM_MODE: u32 = 0;
/// `zlib.constants.BROTLI_PARAM_QUALITY`.
pub const BROTLI_PARAM_QUALITY: u32 = 1;
/// `zlib.constants.BROTLI_PARAM_LGWIN`.
pub const BROTLI_PARAM_LGWIN: u32 = 2;
/// `zlib.constants.BROTLI_PARAM_LGBLOCK`.
pub const BROTLI_PARAM_LGBLOCK: u32 = 3;
/// `zlib.constants.BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING`.
pub const BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: u32 = 4;
/// `zlib.constants.BROTLI_PARAM_SIZE_HINT`.
pub const BROTLI_PARAM_SIZE_HINT: u32 = 5;
/// `zlib.constants.BROTLI_PARAM_LARGE_WINDOW`.
pub const BROTLI_PARAM_LARGE_WINDOW: u32 = 6;
/// `zlib.constants.BROTLI_PARAM_NPOSTFIX`.
pub const BROTLI_PARAM_NPOSTFIX: u32 = 7;
/// `zlib.constants.BROTLI_PARAM_NDIRECT`.
pub const BROTLI_PARAM_NDIRECT: u32 = 8;

/// Compresses `input` with `algorithm`; an error says which parameter zlib or brotli refused.
pub fn compress(
  algorithm: Algorithm,
  options: &CodecOptions,
  input: &[u8],
) -> Result<Vec<u8>, String> {
  match algorithm {
    Algorithm::Gzip => deflate(options, options.window_bits + 16, input),
    Algorithm::Deflate => deflate(options, options.window_bits, input),
    Algorithm::DeflateRaw => deflate(options, -options.window_bits, input),
    Algorithm::BrotliCompress => brotli(options, input),
  }
}

fn deflate(options: &CodecOptions, window_bits: i32, input: &[u8]) -> Result<Vec<u8>, String> {
  let strategy = match options.strategy {
    0 => Strategy::Default,
    1 => Strategy::Filtered,
    2 => Strategy::HuffmanOnly,
    3 => Strategy::Rle,
    4 => Strategy::Fixed,
    other => return Err(format!("invalid strategy {other}, expected 0 to 4")),
  };
  let config = DeflateConfig {
    level: options.level,
    method: Method::Deflated,
    window_bits,
    mem_level: options.mem_level,
    strategy,
  };
  let mut output = vec![0; zlib_rs::deflate::compress_bound(input.len()) + 64];
  let (compressed, code) = zlib_rs::deflate::compress_slice(&mut output, input, config);
  match code {
    ReturnCode::Ok => {
      let length = compressed.len();
      output.truncate(length);
      Ok(output)
    }
    code => Err(format!(
      "zlib refused level {}, windowBits {}, memLevel {}, strategy {}: {code:?}",
      options.level, options.window_bits, options.mem_level, options.strategy
    )),
  }
}

fn brotli(options: &CodecOptions, input: &[u8]) -> Result<Vec<u8>, String> {
  let mut params = brotli::enc::BrotliEncoderParams::default();
  for &(param, value) in &options.brotli_params {
    let value = i32::try_from(value)
      .map_err(|_| format!("brotli parameter {param} is too large: {value}"))?;
    match param {
      BROTLI_PARAM_MODE => {
        params.mode = match value {
          0 => brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_GENERIC,
          1 => brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_TEXT,
          2 => brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_FONT,
          _ => return Err(format!("invalid brotli mode {value}, expected 0 to 2")),
        }
      }
      BROTLI_PARAM_QUALITY => params.quality = value,
      BROTLI_PARAM_LGWIN => params.lgwin = value,
      BROTLI_PARAM_LGBLOCK => params.lgblock = value,
      BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING => {
        params.disable_literal_context_modeling = value
      }
      BROTLI_PARAM_SIZE_HINT => params.size_hint = value as usize,
      BROTLI_PARAM_LARGE_WINDOW => params.large_window = value != 0,
      BROTLI_PARAM_NPOSTFIX => params.dist.distance_postfix_bits = value as u32,
      BROTLI_PARAM_NDIRECT => params.dist.num_direct_distance_codes = value as u32,
      other => return Err(format!("unknown brotli parameter {other}")),
    }
  }
  // The whole input in one read, as Node hands its buffer to the encoder in one call.
  let mut input_buffer = vec![0; input.len().max(1)];
  let mut output_buffer = vec![0; 1 << 16];
  let mut output = Vec::with_capacity(input.len() / 4 + 64);
  brotli::BrotliCompressCustomAlloc(
    &mut Cursor::new(input),
    &mut output,
    &mut input_buffer,
    &mut output_buffer,
    &params,
    brotli::enc::StandardAlloc::default(),
  )
  .map_err(|error| format!("brotli failed: {error}"))?;
  Ok(output)
}

#[cfg(test)]
mod tests {
  use std::io::Read;

  use super::*;

  const TEXT: &[u8] = b"function answer() { return 42; }\nfunction answer() { return 42; }\n";

  fn inflate(window_bits: i32, compressed: &[u8]) -> Vec<u8> {
    let mut output = vec![0; 4096];
    let config = zlib_rs::inflate::InflateConfig { window_bits };
    let (inflated, code) = zlib_rs::inflate::uncompress_slice(&mut output, compressed, config);
    assert_eq!(code, ReturnCode::Ok);
    inflated.to_vec()
  }

  #[test]
  fn zlib_algorithms_round_trip_with_their_headers() {
    let options = CodecOptions::default();
    let gzip = compress(Algorithm::Gzip, &options, TEXT).unwrap();
    assert_eq!(&gzip[..2], &[0x1f, 0x8b], "a gzip header");
    assert_eq!(inflate(31, &gzip), TEXT);
    let deflate = compress(Algorithm::Deflate, &options, TEXT).unwrap();
    assert_eq!(deflate[0] & 0x0f, 8, "a zlib header");
    assert_eq!(inflate(15, &deflate), TEXT);
    let raw = compress(Algorithm::DeflateRaw, &options, TEXT).unwrap();
    assert_eq!(inflate(-15, &raw), TEXT);
  }

  #[test]
  fn brotli_round_trips() {
    let compressed = compress(Algorithm::BrotliCompress, &CodecOptions::default(), TEXT).unwrap();
    let mut output = Vec::new();
    brotli::Decompressor::new(&compressed[..], 4096)
      .read_to_end(&mut output)
      .unwrap();
    assert_eq!(output, TEXT);
  }

  #[test]
  fn bad_parameters_are_errors() {
    let zlib = |level, strategy| CodecOptions {
      level,
      strategy,
      ..CodecOptions::default()
    };
    let brotli = CodecOptions {
      brotli_params: vec![(99, 1)],
      ..CodecOptions::default()
    };
    for (algorithm, options, message) in [
      (Algorithm::Gzip, zlib(9, 9), "strategy 9"),
      (Algorithm::Gzip, zlib(12, 0), "level 12"),
      (Algorithm::BrotliCompress, brotli, "parameter 99"),
    ] {
      assert!(
        compress(algorithm, &options, TEXT)
          .unwrap_err()
          .contains(message)
      );
    }
  }

  #[test]
  fn names_follow_the_peer() {
    assert_eq!(Algorithm::from_name("gzip"), Some(Algorithm::Gzip));
    assert_eq!(Algorithm::from_name("gunzip"), None);
    assert_eq!(Algorithm::BrotliCompress.name(), "brotliCompress");
  }
}
