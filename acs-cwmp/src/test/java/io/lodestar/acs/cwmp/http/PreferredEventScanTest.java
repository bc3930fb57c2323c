package io.lodestar.acs.cwmp.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreferredEventScanTest {

    private static final String INFORM_HEAD = "<soap:Envelope><soap:Body><cwmp:Inform><Event><EventStruct><EventCode>";
    private static final String INFORM_TAIL = "</EventCode><CommandKey></CommandKey></EventStruct></Event>"
            + "<ParameterList><ParameterValueStruct><Name>Device.DeviceInfo.SoftwareVersion</Name>"
            + "<Value>1.0</Value></ParameterValueStruct></ParameterList></cwmp:Inform></soap:Body></soap:Envelope>";

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    /** The bytes cut into pieces of the given size, as the HTTP aggregator hands a body read in several chunks. */
    private static ByteBuf inPieces(String s, int piece) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        CompositeByteBuf composite = Unpooled.compositeBuffer(Integer.MAX_VALUE);
        for (int at = 0; at < bytes.length; at += piece) {
            composite.addComponent(true, Unpooled.wrappedBuffer(bytes, at, Math.min(piece, bytes.length - at)));
        }
        return composite;
    }

    @Test
    void anInformNamingAConnectionRequestOrATransferCompleteIsSeenAndAPeriodicOneIsNot() {
        assertTrue(PreferredEventScan.namesPreferredEvent(ascii(INFORM_HEAD + "6 CONNECTION REQUEST" + INFORM_TAIL)));
        assertTrue(PreferredEventScan.namesPreferredEvent(ascii(INFORM_HEAD + "7 TRANSFER COMPLETE" + INFORM_TAIL)));
        assertFalse(PreferredEventScan.namesPreferredEvent(ascii(INFORM_HEAD + "2 PERIODIC" + INFORM_TAIL)));
        assertFalse(PreferredEventScan.namesPreferredEvent(ascii("")));
    }

    @Test
    void aCodeSplitAcrossTheAggregatedChunksOfABodyIsSeen() {
        String inform = INFORM_HEAD + "6 CONNECTION REQUEST" + INFORM_TAIL;
        for (int piece = 1; piece <= 40; piece++) {
            assertTrue(PreferredEventScan.namesPreferredEvent(inPieces(inform, piece)), "pieces of " + piece);
        }
    }

    @Test
    void aCodeStartingRightAfterAFalseStartIsSeenAndANearMissIsNot() {
        assertTrue(PreferredEventScan.namesPreferredEvent(ascii("66 CONNECTION REQUEST")));
        assertTrue(PreferredEventScan.namesPreferredEvent(ascii("6 CONNECTION 6 CONNECTION REQUEST")));
        assertTrue(PreferredEventScan.namesPreferredEvent(ascii("7 TRANSFER 7 TRANSFER COMPLETE")));
        assertFalse(PreferredEventScan.namesPreferredEvent(ascii("6 CONNECTION REQUES 7 TRANSFER COMPLET")));
        assertFalse(PreferredEventScan.namesPreferredEvent(ascii("6 connection request")));
    }

    @Test
    void theScanAnswersAsASubstringSearchForEitherCodeDoesOnRandomBodies() {
        Random random = new Random(21);
        String alphabet = "67 CONRTIEQUSFPLM<>/";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder body = new StringBuilder();
            int length = random.nextInt(80);
            for (int i = 0; i < length; i++) {
                body.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(4) == 0) {
                String code = random.nextBoolean() ? "6 CONNECTION REQUEST" : "7 TRANSFER COMPLETE";
                int cut = random.nextInt(code.length() + 1);
                body.insert(random.nextInt(body.length() + 1), random.nextBoolean() ? code : code.substring(0, cut));
            }
            String s = body.toString();
            boolean expected = ByteBufUtil.indexOf(ascii("6 CONNECTION REQUEST"), ascii(s)) >= 0
                    || ByteBufUtil.indexOf(ascii("7 TRANSFER COMPLETE"), ascii(s)) >= 0;
            assertEquals(expected, PreferredEventScan.namesPreferredEvent(ascii(s)), s);
            assertEquals(expected, PreferredEventScan.namesPreferredEvent(inPieces(s, 1 + random.nextInt(7))), s);
        }
    }

    @Test
    void theScanLeavesTheBodysIndexesWhereTheyWere() {
        ByteBuf body = ascii(INFORM_HEAD + "6 CONNECTION REQUEST" + INFORM_TAIL);
        body.readerIndex(3);
        int writer = body.writerIndex();
        PreferredEventScan.namesPreferredEvent(body);
        assertEquals(3, body.readerIndex());
        assertEquals(writer, body.writerIndex());
    }
}
