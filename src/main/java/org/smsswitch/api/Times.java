package org.smsswitch.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.GregorianCalendar;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** xsd:dateTime to and from {@link Instant}, in UTC; xsd:date to and from {@link LocalDate}. */
final class Times {
    private static final DatatypeFactory FACTORY;

    static {
        try {
            FACTORY = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Times() {
    }

    static XMLGregorianCalendar toXml(Instant instant) {
        return instant == null ? null
                : FACTORY.newXMLGregorianCalendar(GregorianCalendar.from(instant.atZone(ZoneOffset.UTC)));
    }

    /** A dateTime without a zone is read as UTC. */
    static Instant toInstant(XMLGregorianCalendar xml) {
        if (xml == null) {
            return null;
        }
        if (xml.getTimezone() == javax.xml.datatype.DatatypeConstants.FIELD_UNDEFINED) {
            xml = (XMLGregorianCalendar) xml.clone();
            xml.setTimezone(0);
        }
        return xml.toGregorianCalendar().toInstant();
    }

    static XMLGregorianCalendar toXml(LocalDate date) {
        return date == null ? null : FACTORY.newXMLGregorianCalendarDate(date.getYear(), date.getMonthValue(),
                date.getDayOfMonth(), javax.xml.datatype.DatatypeConstants.FIELD_UNDEFINED);
    }

    static LocalDate toDate(XMLGregorianCalendar xml) {
        return xml == null ? null : LocalDate.of(xml.getYear(), xml.getMonth(), xml.getDay());
    }
}
