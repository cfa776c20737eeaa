package org.smsswitch.api;

import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;
import org.smsswitch.account.Account;
import org.smsswitch.account.Role;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;

/** The authenticated account of the SOAP call being served. */
final class Callers {
    private Callers() {
    }

    static Account current() {
        Message message = PhaseInterceptorChain.getCurrentMessage();
        Account account = message == null ? null : message.getExchange().get(Account.class);
        if (account == null) {
            // The security interceptor runs before every endpoint; reaching here means it was bypassed.
            throw new IllegalStateException("No authenticated account on this call");
        }
        if (account.role() == Role.AGGREGATOR) {
            throw new SwitchException(ErrorCode.ACCESS_DENIED,
                    "An aggregator account only posts inbound messages to the MO listener.");
        }
        return account;
    }

    static Account currentOperator() {
        Account account = current();
        if (!account.isOperator()) {
            throw new SwitchException(ErrorCode.ACCESS_DENIED, "Only an operator account may use the admin service.");
        }
        return account;
    }
}
