/**
 * The operator portal's guards: sign-in throttling and the CSRF tokens of its forms. Its pages are
 * served by {@code app.PortalServlet}, rendered from the Thymeleaf templates under
 * {@code src/main/resources/portal/}.
 */
package org.smsswitch.portal;
