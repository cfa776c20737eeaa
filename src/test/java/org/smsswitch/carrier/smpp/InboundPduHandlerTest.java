package org.smsswitch.carrier.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.junit.jupiter.api.Test;
import org.smsswitch.carrier.CarrierListener;
import org.smsswitch.carrier.DeliveryReceipt;
import org.smsswitch.carrier.InboundSms;

class InboundPduHandlerTest {

    private final List<DeliveryReceipt> receipts = new ArrayList<>();
    private final List<InboundSms> mos = new ArrayList<>();
    private final InboundPduHandler handler = new InboundPduHandler(new CarrierListener() {
        @Override
        public void onDeliveryReceipt(DeliveryReceipt receipt) {
            receipts.add(receipt);
        }

        @Override
        public void onMobileOriginated(InboundSms mo) {
            mos.add(mo);
        }
    }, "test-carrier", "route-a");

    @Test
    void receipt_tlvs_win_over_the_text_form() throws Exception {
        DeliverSm pdu = receipt("id:12345 sub:001 dlvrd:000 submit date:2403011200 done date:2403011201 "
                + "stat:UNDELIV err:034 text:x");
        pdu.setOptionalParameters(new OptionalParameter.Receipted_message_id("3039"),
                new OptionalParameter.Message_state(MessageState.DELIVERED.value()));
        handler.onAcceptDeliverSm(pdu);
        assertEquals(List.of(new DeliveryReceipt("3039", "DELIVRD", "034", Instant.parse("2024-03-01T12:01:00Z"),
                Instant.parse("2024-03-01T12:00:00Z"), "test-carrier", "route-a")), receipts);
    }

    @Test
    void receipt_without_tlvs_is_read_from_the_text() throws Exception {
        handler.onAcceptDeliverSm(receipt("id:abc stat:EXPIRED err:000"));
        assertEquals("abc", receipts.get(0).carrierMessageId());
        assertEquals("EXPIRED", receipts.get(0).state());
        assertNull(receipts.get(0).doneTime());
        assertNull(receipts.get(0).submitDate());
        assertEquals("test-carrier", receipts.get(0).carrierName(),
                "the connection's carrier when the receipt names none");
    }

    @Test
    void network_name_tlv_names_the_carrier_instead_of_the_connection() throws Exception {
        DeliverSm pdu = receipt("id:1 stat:DELIVRD");
        pdu.setOptionalParameters(NetworkNameTlv.of("Verizon Wireless"));
        handler.onAcceptDeliverSm(pdu);
        assertEquals("Verizon Wireless", receipts.get(0).carrierName());
        assertEquals("route-a", receipts.get(0).route());
    }

    @Test
    void network_name_sent_without_its_terminator_is_read_too() throws Exception {
        DeliverSm pdu = receipt("id:1 stat:DELIVRD");
        pdu.setOptionalParameters(new OptionalParameter.OctetString(NetworkNameTlv.TAG,
                "T-Mobile".getBytes(StandardCharsets.US_ASCII)));
        handler.onAcceptDeliverSm(pdu);
        assertEquals("T-Mobile", receipts.get(0).carrierName());
    }

    @Test
    void hex_id_of_the_tlv_is_kept_when_the_text_gives_it_in_decimal() throws Exception {
        DeliverSm pdu = receipt("id:" + SimulatedReceipt.textId("00000000ff") + " stat:UNDELIV err:001");
        pdu.setOptionalParameters(new OptionalParameter.Receipted_message_id("00000000ff"));
        handler.onAcceptDeliverSm(pdu);
        assertEquals("00000000ff", receipts.get(0).carrierMessageId());
        assertEquals("UNDELIV", receipts.get(0).state());
    }

    @Test
    void every_message_state_maps_to_its_stat_word() throws Exception {
        for (ReceiptStat stat : ReceiptStat.values()) {
            DeliverSm pdu = receipt("id:1 stat:GARBLED");
            pdu.setOptionalParameters(new OptionalParameter.Message_state(stat.messageState().value()));
            handler.onAcceptDeliverSm(pdu);
        }
        assertEquals(List.of("DELIVRD", "ACCEPTD", "ENROUTE", "EXPIRED", "DELETED", "UNDELIV", "REJECTD", "UNKNOWN"),
                receipts.stream().map(DeliveryReceipt::state).toList());
    }

    @Test
    void unreadable_receipt_is_a_permanent_error() {
        ProcessRequestException e =
                assertThrows(ProcessRequestException.class, () -> handler.onAcceptDeliverSm(receipt("garbage")));
        assertEquals(SMPPConstant.STAT_ESME_RX_P_APPN, e.getErrorCode());
    }

    @Test
    void mobile_originated_ucs2_text_is_decoded_and_source_gets_its_plus() throws Exception {
        DeliverSm pdu = new DeliverSm();
        pdu.setSourceAddrTon(TypeOfNumber.INTERNATIONAL.value());
        pdu.setSourceAddr("15550100001");
        pdu.setDestAddress("12345");
        pdu.setDataCoding((byte) 0x08);
        pdu.setShortMessage("STOP я".getBytes(StandardCharsets.UTF_16BE));
        handler.onAcceptDeliverSm(pdu);
        assertEquals(List.of(new InboundSms("+15550100001", "12345", "STOP я", "test-carrier")), mos);
    }

    @Test
    void mobile_originated_udh_is_stripped() throws Exception {
        DeliverSm pdu = new DeliverSm();
        pdu.setSourceAddr("15550100001");
        pdu.setDestAddress("12345");
        pdu.setEsmClass((byte) 0x40);
        pdu.setShortMessage(Udh.concatenated(1, 2, 1, new byte[] {0x48, 0x69}));
        handler.onAcceptDeliverSm(pdu);
        assertEquals("Hi", mos.get(0).text());
    }

    @Test
    void a_failing_listener_is_answered_with_esme_rx_t_appn() {
        InboundPduHandler failing = new InboundPduHandler(new CarrierListener() {
            @Override
            public void onDeliveryReceipt(DeliveryReceipt receipt) {
                throw new IllegalStateException("database down");
            }

            @Override
            public void onMobileOriginated(InboundSms mo) {}
        }, null, null);
        ProcessRequestException e = assertThrows(ProcessRequestException.class,
                () -> failing.onAcceptDeliverSm(receipt("id:1 stat:DELIVRD")));
        assertEquals(SMPPConstant.STAT_ESME_RX_T_APPN, e.getErrorCode());
    }

    private static DeliverSm receipt(String text) {
        DeliverSm pdu = new DeliverSm();
        pdu.setSmscDeliveryReceipt();
        pdu.setSourceAddr("15550100001");
        pdu.setDestAddress("12345");
        pdu.setShortMessage(text.getBytes(StandardCharsets.ISO_8859_1));
        return pdu;
    }
}
