package org.smsswitch.carrier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smsswitch.carrier.SmsText.Encoding;

class SmsTextTest {

    private static final String ALL_GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€\f";

    @Test
    void empty_text_is_one_empty_gsm7_segment() {
        SmsText text = SmsText.of("");
        assertEquals(Encoding.GSM7, text.encoding());
        assertEquals(0, text.length());
        assertEquals(1, text.segmentCount());
        assertEquals(List.of(""), text.segments());
        assertEquals(0, text.encode("").length);
    }

    @Test
    void every_gsm_default_and_extension_character_stays_gsm7() {
        SmsText text = SmsText.of(ALL_GSM7);
        assertEquals(Encoding.GSM7, text.encoding());
        assertEquals(ALL_GSM7.length() + 10, text.length(), "ten extension characters take two septets each");
    }

    @Test
    void a_character_outside_the_gsm_alphabet_makes_the_text_ucs2() {
        assertEquals(Encoding.UCS2, SmsText.of("Façade").encoding(), "lower-case ç is not in GSM 03.38");
        assertEquals(Encoding.UCS2, SmsText.of("Привет").encoding());
        assertEquals(Encoding.UCS2, SmsText.of("ok 😀").encoding());
        assertEquals(Encoding.UCS2, SmsText.of("tab\there").encoding());
    }

    @Test
    void gsm7_160_characters_fit_one_segment() {
        SmsText text = SmsText.of("a".repeat(160));
        assertEquals(1, text.segmentCount());
        assertEquals(160, text.length());
    }

    @Test
    void gsm7_161_characters_need_two_segments_of_153_and_8() {
        SmsText text = SmsText.of("a".repeat(161));
        assertEquals(2, text.segmentCount());
        assertEquals(153, text.segments().get(0).length());
        assertEquals(8, text.segments().get(1).length());
    }

    @Test
    void gsm7_segment_count_follows_153_septets_per_segment() {
        assertEquals(2, SmsText.of("a".repeat(306)).segmentCount());
        assertEquals(3, SmsText.of("a".repeat(307)).segmentCount());
    }

    @Test
    void euro_sign_counts_two_septets() {
        assertEquals(2, SmsText.of("€").length());
        assertEquals(1, SmsText.of("€".repeat(80)).segmentCount(), "80 euro signs are exactly 160 septets");
        assertEquals(2, SmsText.of("€".repeat(80) + "a").segmentCount());
        assertEquals(2, SmsText.of("a".repeat(159) + "[").segmentCount(), "159 + 2 septets overflow one segment");
    }

    @Test
    void escape_pair_is_never_split_across_segments() {
        String text = "a".repeat(152) + "€" + "b".repeat(10);
        SmsText sms = SmsText.of(text);
        assertEquals(2, sms.segmentCount());
        assertEquals("a".repeat(152), sms.segments().get(0), "the euro sign moves whole to the next segment");
        assertEquals("€" + "b".repeat(10), sms.segments().get(1));
    }

    @Test
    void ucs2_70_characters_fit_one_segment() {
        SmsText text = SmsText.of("я".repeat(70));
        assertEquals(Encoding.UCS2, text.encoding());
        assertEquals(1, text.segmentCount());
    }

    @Test
    void ucs2_71_characters_need_two_segments_of_67_and_4() {
        SmsText text = SmsText.of("я".repeat(71));
        assertEquals(2, text.segmentCount());
        assertEquals(67, text.segments().get(0).length());
        assertEquals(4, text.segments().get(1).length());
    }

    @Test
    void ucs2_long_text_splits_into_67_unit_segments() {
        SmsText text = SmsText.of("я".repeat(150));
        assertEquals(List.of(67, 67, 16), text.segments().stream().map(String::length).toList());
    }

    @Test
    void emoji_at_a_segment_boundary_moves_whole_to_the_next_segment() {
        String text = "я".repeat(66) + "😀" + "я".repeat(10);
        SmsText sms = SmsText.of(text);
        assertEquals(78, sms.length(), "the emoji is two UTF-16 code units");
        assertEquals(2, sms.segmentCount());
        assertEquals("я".repeat(66), sms.segments().get(0));
        assertEquals("😀" + "я".repeat(10), sms.segments().get(1));
        for (String segment : sms.segments()) {
            assertFalse(Character.isHighSurrogate(segment.charAt(segment.length() - 1)));
        }
    }

    @Test
    void emoji_that_fits_before_the_boundary_stays() {
        SmsText sms = SmsText.of("я".repeat(65) + "😀" + "я".repeat(10));
        assertEquals(67, sms.segments().get(0).length());
    }

    @Test
    void segments_join_back_to_the_text() {
        for (String text : List.of("a".repeat(500), "€x".repeat(120), "я😀".repeat(100), ALL_GSM7.repeat(3))) {
            assertEquals(text, String.join("", SmsText.of(text).segments()));
        }
    }

    @Test
    void gsm7_encodes_unpacked_septets_with_escapes() {
        SmsText text = SmsText.of("A@€");
        assertArrayEquals(new byte[] {0x41, 0x00, 0x1B, 0x65}, text.encode(text.text()));
        assertEquals(0x00, Encoding.GSM7.dataCoding());
    }

    @Test
    void ucs2_encodes_utf16_big_endian() {
        SmsText text = SmsText.of("я😀");
        assertArrayEquals(new byte[] {0x04, 0x4F, (byte) 0xD8, 0x3D, (byte) 0xDE, 0x00}, text.encode(text.text()));
        assertEquals(0x08, Encoding.UCS2.dataCoding());
    }

    @Test
    void encoding_round_trips_through_decode() {
        for (String text : List.of(ALL_GSM7, "Привет 😀 мир")) {
            SmsText sms = SmsText.of(text);
            byte[] bytes = sms.encode(text);
            assertEquals(text, SmsText.decode(bytes, 0, bytes.length, sms.encoding()));
        }
    }

    @Test
    void gsm7_refuses_a_character_outside_the_alphabet() {
        assertThrows(IllegalArgumentException.class, () -> SmsText.encode("ç", Encoding.GSM7));
    }

    @Test
    void to_string_leaves_the_text_out() {
        assertFalse(SmsText.of("secret code 1234").toString().contains("secret"));
    }
}
