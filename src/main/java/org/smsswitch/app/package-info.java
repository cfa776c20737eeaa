/**
 * The composition root: configuration, and the wiring of database, carrier, services, CXF endpoints
 * and servlets into one running switch; plus the standalone launcher. Nothing imports this package.
 */
package org.smsswitch.app;
