//! The peer's built-in algorithms, as Node's `zlib` runs them: gzip, deflate and raw deflate on
//! zlib-rs (with zlib's own parameters: level, window bits, memory level, strategy), brotli on
//! Google's C encoder (1.2.0; Node 20 links 1.1.0, whose encoder writes the same bytes), with
//! Node's `BROTLI_PARAM_*` numbers.

use std::ptr::{self, NonNull};

use compu_brotli_sys as brotli_sys;
use rspack_native_plugin_options::Named;

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

/// Each algorithm by the name the option takes, as in `zlib[name]`.
impl Named for Algorithm {
  const NAMES: &'static [(&'static str, Self)] = &[
    ("gzip", Algorithm::Gzip),
    ("deflate", Algorithm::Deflate),
    ("deflateRaw", Algorithm::DeflateRaw),
    ("brotliCompress", Algorithm::BrotliCompress),
  ];
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

/// `zlib.constants.BROTLI_PARAM_QUALITY`.
pub const BROTLI_PARAM_QUALITY: u32 =
  brotli_sys::BrotliEncoderParameter_BROTLI_PARAM_QUALITY as u32;

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
      output.shrink_to_fit();
      Ok(output)
    }
    code => Err(format!(
      "zlib refused level {}, windowBits {}, memLevel {}, strategy {}: {code:?}",
      options.level, options.window_bits, options.mem_level, options.strategy
    )),
  }
}

fn brotli(options: &CodecOptions, input: &[u8]) -> Result<Vec<u8>, String> {
  let mut encoder = BrotliEncoder::new()?;
  for &(param, value) in &options.brotli_params {
    encoder.set_parameter(param, value)?;
  }
  encoder.compress(input)
}

/// Google's brotli encoder in C (the README says which release, and why its bytes are Node's),
/// driven as Node's `zlib.brotliCompress` drives it: parameters set one by one, then the whole
/// input in one stream with `BROTLI_OPERATION_FINISH`. Freed on drop.
struct BrotliEncoder(NonNull<brotli_sys::BrotliEncoderState>);

impl BrotliEncoder {
  fn new() -> Result<Self, String> {
    // SAFETY: no custom allocator (both functions null) selects malloc and free.
    let state = unsafe { brotli_sys::BrotliEncoderCreateInstance(None, None, ptr::null_mut()) };
    NonNull::new(state)
      .map(Self)
      .ok_or_else(|| "brotli could not allocate an encoder".to_string())
  }

  /// Sets parameter `param` (a `BROTLI_PARAM_*` number) as Node does; brotli refuses only the
  /// numbers it does not know (out-of-range values are clamped when compression starts).
  fn set_parameter(&mut self, param: u32, value: u32) -> Result<(), String> {
    let refused = || format!("brotli refused parameter {param} (value {value})");
    let key = brotli_sys::BrotliEncoderParameter::try_from(param).map_err(|_| refused())?;
    // SAFETY: the state is live and has not started compressing.
    let accepted = unsafe { brotli_sys::BrotliEncoderSetParameter(self.0.as_ptr(), key, value) };
    if accepted == 0 {
      return Err(refused());
    }
    Ok(())
  }

  fn compress(self, input: &[u8]) -> Result<Vec<u8>, String> {
    // SAFETY: a pure function of its argument.
    let bound = unsafe { brotli_sys::BrotliEncoderMaxCompressedSize(input.len()) };
    let mut output = Vec::with_capacity(if bound == 0 {
      input.len() + 1024
    } else {
      bound
    });
    let mut next_in = input.as_ptr();
    let mut available_in = input.len();
    loop {
      if output.capacity() == output.len() {
        output.reserve(1 << 16);
      }
      let unread = available_in;
      let spare = output.spare_capacity_mut();
      let mut available_out = spare.len();
      let mut next_out = spare.as_mut_ptr().cast::<u8>();
      // SAFETY: `next_in`/`available_in` stay within `input` and `next_out`/`available_out`
      // within the output's spare capacity; brotli advances each pair by what it read or wrote.
      let ok = unsafe {
        brotli_sys::BrotliEncoderCompressStream(
          self.0.as_ptr(),
          brotli_sys::BrotliEncoderOperation_BROTLI_OPERATION_FINISH,
          &mut available_in,
          &mut next_in,
          &mut available_out,
          &mut next_out,
          ptr::null_mut(),
        )
      };
      if ok == 0 {
        return Err("brotli failed to compress".to_string());
      }
      let written = output.spare_capacity_mut().len() - available_out;
      // SAFETY: brotli initialized the first `written` bytes of the spare capacity.
      unsafe { output.set_len(output.len() + written) };
      // SAFETY: the state is live.
      if unsafe { brotli_sys::BrotliEncoderIsFinished(self.0.as_ptr()) } != 0 {
        output.shrink_to_fit();
        return Ok(output);
      }
      if written == 0 && available_in == unread {
        return Err("brotli stopped making progress".to_string());
      }
    }
  }
}

impl Drop for BrotliEncoder {
  fn drop(&mut self) {
    // SAFETY: the state came from BrotliEncoderCreateInstance and is destroyed only here.
    unsafe { brotli_sys::BrotliEncoderDestroyInstance(self.0.as_ptr()) }
  }
}

#[cfg(test)]
mod tests {
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

  /// Brotli's one-shot decoder, for the round trips.
  fn brotli_decompress(compressed: &[u8]) -> Vec<u8> {
    let mut output = vec![0; 4096];
    let mut size = output.len();
    // SAFETY: both buffers are live for the call, with their lengths.
    let result = unsafe {
      brotli_sys::BrotliDecoderDecompress(
        compressed.len(),
        compressed.as_ptr(),
        &mut size,
        output.as_mut_ptr(),
      )
    };
    assert_eq!(
      result,
      brotli_sys::BrotliDecoderResult_BROTLI_DECODER_RESULT_SUCCESS
    );
    output.truncate(size);
    output
  }

  #[test]
  fn brotli_round_trips_at_every_quality_and_on_empty_input() {
    for quality in 0..=11 {
      let options = CodecOptions {
        brotli_params: vec![
          (BROTLI_PARAM_QUALITY, quality),
          (
            brotli_sys::BrotliEncoderParameter_BROTLI_PARAM_LGWIN as u32,
            16,
          ),
        ],
        ..CodecOptions::default()
      };
      let compressed = compress(Algorithm::BrotliCompress, &options, TEXT).unwrap();
      assert_eq!(brotli_decompress(&compressed), TEXT, "quality {quality}");
    }
    let empty = compress(Algorithm::BrotliCompress, &CodecOptions::default(), b"").unwrap();
    assert_eq!(brotli_decompress(&empty), b"");
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
