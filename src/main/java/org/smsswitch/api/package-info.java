/**
 * The SOAP edge: CXF endpoints implementing the interfaces generated from {@code wsdl/}, the
 * WS-Security check of every caller, and the mapping of domain results and refusals to JAXB types and
 * WSDL faults. Generated types never leave this package.
 */
package org.smsswitch.api;
