package org.smsswitch.api;

import java.util.UUID;
import java.util.function.Supplier;
import org.smsswitch.api.ws.AccessDeniedFault;
import org.smsswitch.api.ws.FaultCode;
import org.smsswitch.api.ws.FaultDetail;
import org.smsswitch.api.ws.InvalidRequestFault;
import org.smsswitch.api.ws.NotFoundFault;
import org.smsswitch.api.ws.NotImplementedFault;
import org.smsswitch.api.ws.ServiceUnavailableFault;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.SwitchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a client API operation and turns its refusals into the WSDL's typed faults. */
final class SmsFaults {
    private static final Logger log = LoggerFactory.getLogger(SmsFaults.class);

    private SmsFaults() {
    }

    static <T> T call(String operation, Supplier<T> work) throws InvalidRequestFault, NotFoundFault,
            AccessDeniedFault, NotImplementedFault, ServiceUnavailableFault {
        try {
            return work.get();
        } catch (SwitchException e) {
            log.debug("{} refused: {} {}", operation, e.code(), e.getMessage());
            FaultDetail detail = detail(e);
            switch (e.code()) {
                case NOT_FOUND -> throw new NotFoundFault(e.getMessage(), detail);
                case ACCESS_DENIED -> throw new AccessDeniedFault(e.getMessage(), detail);
                case NOT_IMPLEMENTED -> throw new NotImplementedFault(e.getMessage(), detail);
                case SERVICE_UNAVAILABLE -> throw new ServiceUnavailableFault(e.getMessage(), detail);
                default -> throw new InvalidRequestFault(e.getMessage(), detail);
            }
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            log.error("{} failed (incident {})", operation, incident, e);
            FaultDetail detail = new FaultDetail();
            detail.setCode(FaultCode.SERVICE_UNAVAILABLE);
            detail.setMessage("The switch could not complete " + operation + " (incident " + incident
                    + "). Retry later; if it persists, give the operator the incident id.");
            throw new ServiceUnavailableFault(detail.getMessage(), detail);
        }
    }

    /** The code, message and field of a refusal, as a fault or a per-number result carries them. */
    static FaultDetail detail(SwitchException e) {
        FaultDetail detail = new FaultDetail();
        detail.setCode(faultCode(e.code()));
        detail.setMessage(e.getMessage());
        detail.setField(e.field());
        return detail;
    }

    private static FaultCode faultCode(ErrorCode code) {
        return switch (code) {
            case RESERVED_WORD, NON_COMPLIANT_MESSAGE, ALREADY_EXISTS, UNKNOWN_ACCOUNT, NUMBER_NOT_AVAILABLE,
                    NUMBER_ALREADY_USED -> FaultCode.INVALID_FIELD;
            default -> FaultCode.valueOf(code.name());
        };
    }
}
