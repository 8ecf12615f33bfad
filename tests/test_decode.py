"""text.decode: bytes to text before either path."""

from __future__ import annotations

import struct

import pytest

import boilerstrip
from boilerstrip import Options
from boilerstrip.text import decode

PARA = "The city council voted on Monday to approve the new riverside park, ending a debate that has divided the town."
RUSSIAN = "Городской совет одобрил новый парк у реки после долгих споров."


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_text(codec: str) -> None:
    # every other byte is a NUL: the binary test rejected it as binary-input
    text = "\n\n".join([PARA, "Café crème, naïve — “quoted” 東京 " + RUSSIAN, PARA])
    assert decode(text.encode(codec)) == text
    assert decode((text * 200).encode(codec)) == text * 200  # past the 8 KiB read
    doc = boilerstrip.clean(text.encode(codec))
    assert doc.rejected is None and PARA in doc.text
    page = f"<!DOCTYPE html><html><head><title>Park</title></head><body><p>{PARA}</p><p>{RUSSIAN}</p></body></html>"
    for doc in (boilerstrip.clean(page.encode(codec), options=Options(html_mode="fast")),
                boilerstrip.clean_html(page.encode(codec), options=Options(html_mode="fast"))):
        assert (doc.source_format, doc.rejected) == ("html", None) and PARA in doc.text


def test_binary_data_with_nuls_in_one_lane_stays_binary() -> None:
    # small 16-bit numbers: a NUL high byte in every pair, as in UTF-16 text, but control codes
    small = [i % 31 + 1 for i in range(4000)]
    for data in (struct.pack("<4000H", *small), struct.pack(">4000H", *small), b"\x00" * 1000,
                 b"\x00\x01\x02\x03\x89PNG" * 40, b"a\x00"):
        with pytest.raises(boilerstrip.InputError) as e:
            decode(data)
        assert e.value.reason == "binary-input"


def test_an_xml_declaration_names_the_charset() -> None:
    # an XHTML page whose only charset is its XML declaration (the HTML audit: the German
    # quotation mark „, 0x84 in windows-1252, came out as a control character)
    from boilerstrip.html import decode_html

    body = "<p>Die Bürgermeisterin äußerte sich deutlich: „Wir müssen die Straßenbahn verlängern“, sagte sie.</p>"
    page = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="de">'
            f"<head><title>Köln</title></head><body>{body}</body></html>").encode("cp1252")
    assert "„Wir müssen die Straßenbahn verlängern“" in decode_html(page)
    # a UTF-8 page is read as UTF-8 whatever its declaration says
    utf8 = page.decode("cp1252").replace("ISO-8859-1", "windows-1251").encode("utf-8")
    assert "„Wir müssen" in decode_html(utf8)
