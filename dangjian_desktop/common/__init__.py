"""Primitives every layer may use: where files live, dates, Chinese names and their pinyin, the error log."""
