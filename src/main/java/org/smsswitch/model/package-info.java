/** What every feature shares: the refusal a request can meet ({@link org.smsswitch.model.SwitchException}). */
package org.smsswitch.model;
