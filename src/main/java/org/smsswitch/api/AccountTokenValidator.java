package org.smsswitch.api;

import java.util.Optional;
import org.apache.cxf.message.Message;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.message.token.UsernameToken;
import org.apache.wss4j.dom.validate.Credential;
import org.apache.wss4j.dom.validate.Validator;
import org.smsswitch.account.Account;
import org.smsswitch.account.AccountService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a WS-Security UsernameToken against the switch's accounts. Passwords are stored as slow
 * hashes, so only PasswordText tokens can be checked (over TLS in production). The account found is
 * left on the exchange for the endpoint.
 */
final class AccountTokenValidator implements Validator {
    private static final Logger log = LoggerFactory.getLogger(AccountTokenValidator.class);

    private final AccountService accounts;

    AccountTokenValidator(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Credential validate(Credential credential, RequestData data) throws WSSecurityException {
        UsernameToken token = credential == null ? null : credential.getUsernametoken();
        if (token == null) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.INVALID_SECURITY_TOKEN);
        }
        if (!WSConstants.PASSWORD_TEXT.equals(token.getPasswordType())) {
            log.info("Refused a UsernameToken for '{}': password type {} (only PasswordText is accepted)",
                    token.getName(), token.getPasswordType());
            throw new WSSecurityException(WSSecurityException.ErrorCode.UNSUPPORTED_SECURITY_TOKEN);
        }
        Optional<Account> account = accounts.authenticate(token.getName(), token.getPassword());
        if (account.isEmpty()) {
            log.info("Refused a UsernameToken for '{}': unknown account or wrong password", token.getName());
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);
        }
        if (data.getMsgContext() instanceof Message message) {
            message.getExchange().put(Account.class, account.get());
        }
        return credential;
    }
}
