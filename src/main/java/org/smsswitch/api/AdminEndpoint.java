package org.smsswitch.api;

import jakarta.jws.WebService;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;
import org.smsswitch.account.AccountService;
import org.smsswitch.account.Role;
import org.smsswitch.api.admin.ws.AccessDeniedFault;
import org.smsswitch.api.admin.ws.AdminPortType;
import org.smsswitch.api.admin.ws.CreateAccount;
import org.smsswitch.api.admin.ws.CreateAccountResponse;
import org.smsswitch.api.admin.ws.AddPoolNumbers;
import org.smsswitch.api.admin.ws.AddPoolNumbersResponse;
import org.smsswitch.api.admin.ws.CreateOffice;
import org.smsswitch.api.admin.ws.CreateOfficeResponse;
import org.smsswitch.api.admin.ws.ProvisionNumber;
import org.smsswitch.api.admin.ws.ProvisionNumberResponse;
import org.smsswitch.api.admin.ws.MoveNumber;
import org.smsswitch.api.admin.ws.MoveNumberResponse;
import org.smsswitch.api.admin.ws.StartCampaign;
import org.smsswitch.api.admin.ws.StartCampaignResponse;
import org.smsswitch.api.admin.ws.ArchiveCampaign;
import org.smsswitch.api.admin.ws.ArchiveCampaignResponse;
import org.smsswitch.api.admin.ws.SetContractLimits;
import org.smsswitch.api.admin.ws.SetContractLimitsResponse;
import org.smsswitch.api.admin.ws.GetContractUsage;
import org.smsswitch.api.admin.ws.GetContractUsageResponse;
import org.smsswitch.api.admin.ws.ListNumbers;
import org.smsswitch.api.admin.ws.ListNumbersResponse;
import org.smsswitch.api.admin.ws.SubmitPortingRequest;
import org.smsswitch.api.admin.ws.SubmitPortingRequestResponse;
import org.smsswitch.api.admin.ws.RejectPortingRequest;
import org.smsswitch.api.admin.ws.RejectPortingRequestResponse;
import org.smsswitch.api.admin.ws.CompletePortingRequest;
import org.smsswitch.api.admin.ws.CompletePortingRequestResponse;
import org.smsswitch.api.admin.ws.ListPortingRequests;
import org.smsswitch.api.admin.ws.ListPortingRequestsResponse;
import org.smsswitch.api.admin.ws.ConfigureNumberResponse;
import org.smsswitch.api.admin.ws.ConfigureNumberResponseResponse;
import org.smsswitch.api.admin.ws.CreateKeyword;
import org.smsswitch.api.admin.ws.CreateKeywordResponse;
import org.smsswitch.api.admin.ws.CreateShortCode;
import org.smsswitch.api.admin.ws.CreateShortCodeResponse;
import org.smsswitch.api.admin.ws.FaultCode;
import org.smsswitch.api.admin.ws.FaultDetail;
import org.smsswitch.api.admin.ws.InvalidRequestFault;
import org.smsswitch.api.admin.ws.ConfigureOmsEndpoint;
import org.smsswitch.api.admin.ws.ConfigureOmsEndpointResponse;
import org.smsswitch.api.admin.ws.ListOutageReports;
import org.smsswitch.api.admin.ws.ListOutageReportsResponse;
import org.smsswitch.api.admin.ws.OutageReport;
import org.smsswitch.api.admin.ws.OutageReportState;
import org.smsswitch.api.admin.ws.ReplayOutageReport;
import org.smsswitch.api.admin.ws.ReplayOutageReportResponse;
import org.smsswitch.api.admin.ws.ListUnmatchedReceipts;
import org.smsswitch.api.admin.ws.ListUnmatchedReceiptsResponse;
import org.smsswitch.api.admin.ws.LoadCarrierTable;
import org.smsswitch.api.admin.ws.LoadCarrierTableResponse;
import org.smsswitch.api.admin.ws.UnmatchedReceipt;
import org.smsswitch.numbers.CarrierDirectory;
import org.smsswitch.oms.OmsEndpoint;
import org.smsswitch.oms.OmsReport;
import org.smsswitch.oms.OmsService;
import org.smsswitch.status.DeliveryTracker;
import org.smsswitch.status.ReceiptRecord;
import org.smsswitch.model.ErrorCode;
import org.smsswitch.model.HttpUrls;
import org.smsswitch.model.SwitchException;
import org.smsswitch.numbers.ShortCodeService;
import org.smsswitch.numbers.ShortCodeType;
import org.smsswitch.numbers.NumberService;
import org.smsswitch.numbers.PortingService;
import org.smsswitch.optin.KeywordDefinition;
import org.smsswitch.optin.KeywordService;
import org.smsswitch.optin.LimitPeriod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin API: operators create accounts, short codes and keywords. */
@WebService(
        serviceName = "AdminService",
        portName = "AdminPort",
        targetNamespace = "http://smsswitch.org/admin/v1",
        wsdlLocation = "classpath:wsdl/AdminService.wsdl",
        endpointInterface = "org.smsswitch.api.admin.ws.AdminPortType")
public class AdminEndpoint implements AdminPortType {
    private static final Logger log = LoggerFactory.getLogger(AdminEndpoint.class);

    private final AccountService accounts;
    private final ShortCodeService shortCodes;
    private final KeywordService keywords;
    private final CarrierDirectory carriers;
    private final DeliveryTracker tracker;
    private final OmsService oms;
    private final NumberOperations numbers;
    private final PortingOperations porting;

    public AdminEndpoint(AccountService accounts, ShortCodeService shortCodes, KeywordService keywords,
            CarrierDirectory carriers, DeliveryTracker tracker, OmsService oms, NumberService numbers,
            PortingService porting) {
        this.oms = oms;
        this.numbers = new NumberOperations(numbers);
        this.porting = new PortingOperations(porting);
        this.accounts = accounts;
        this.shortCodes = shortCodes;
        this.keywords = keywords;
        this.carriers = carriers;
        this.tracker = tracker;
    }

    @Override
    public ConfigureOmsEndpointResponse configureOmsEndpoint(ConfigureOmsEndpoint r) throws InvalidRequestFault,
            AccessDeniedFault {
        return call("ConfigureOmsEndpoint", () -> {
            String operator = Callers.currentOperator().username();
            Duration timeout = r.getTimeoutSeconds() == null ? null
                    : Duration.ofMillis(r.getTimeoutSeconds().movePointRight(3).longValue());
            OmsEndpoint endpoint = oms.configure(r.getAccount(), new OmsService.EndpointSettings(r.getUrl(),
                    r.getProfile() == null ? null : OmsEndpoint.Profile.valueOf(r.getProfile().value()),
                    r.getAuth() == null ? null : OmsEndpoint.Auth.valueOf(r.getAuth().value()), r.getUsername(),
                    r.getSecret(), timeout, r.getMaxAttempts(),
                    r.getAnswerWindowMinutes() == null ? null : Duration.ofMinutes(r.getAnswerWindowMinutes())));
            log.info("Operator {} set the OMS endpoint of account {}: {} ({}, auth {})", operator, r.getAccount(),
                    HttpUrls.host(endpoint.url()), endpoint.profile(), endpoint.auth());
            ConfigureOmsEndpointResponse response = new ConfigureOmsEndpointResponse();
            response.setEndpointId(endpoint.id());
            return response;
        });
    }

    @Override
    public ListOutageReportsResponse listOutageReports(ListOutageReports r) throws InvalidRequestFault,
            AccessDeniedFault {
        return call("ListOutageReports", () -> {
            var caller = Callers.currentOperator();
            if (r.getState() == null) {
                throw SwitchException.missing("state");
            }
            int max = r.getMaxResults() == null ? 100 : r.getMaxResults();
            if (max < 1 || max > 1000) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "maxResults", "maxResults is 1 to 1000.");
            }
            ListOutageReportsResponse response = new ListOutageReportsResponse();
            for (OmsService.ReportView v : oms.list(caller, OmsReport.State.valueOf(r.getState().value()), max)) {
                response.getReport().add(outageReport(v));
            }
            return response;
        });
    }

    @Override
    public ReplayOutageReportResponse replayOutageReport(ReplayOutageReport r) throws InvalidRequestFault,
            AccessDeniedFault {
        return call("ReplayOutageReport", () -> {
            var caller = Callers.currentOperator();
            OmsService.ReportView v = oms.replay(caller, r.getReportId());
            log.info("Operator {} replays outage report {}", caller.username(), r.getReportId());
            ReplayOutageReportResponse response = new ReplayOutageReportResponse();
            response.setReport(outageReport(v));
            return response;
        });
    }

    private static OutageReport outageReport(OmsService.ReportView v) {
        OmsReport report = v.report();
        OutageReport x = new OutageReport();
        x.setReportId(report.id());
        x.setAccount(v.account());
        x.setNumber(report.phoneNumber());
        x.setKind(report.kind().name());
        x.setText(report.text());
        x.setReceivedTime(Times.toXml(report.receivedAt()));
        x.setState(OutageReportState.fromValue(report.state().name()));
        x.setAttempts(report.attempts());
        x.setNextAttemptTime(report.nextAttemptAt() == null ? null : Times.toXml(report.nextAttemptAt()));
        x.setLastError(report.lastError());
        x.setOmsResult(report.omsResult());
        x.setOmsReply(report.omsReply());
        return x;
    }

    @Override
    public LoadCarrierTableResponse loadCarrierTable(LoadCarrierTable r) throws InvalidRequestFault,
            AccessDeniedFault {
        return call("LoadCarrierTable", () -> {
            String operator = Callers.currentOperator().username();
            if (r.getCsv() == null) {
                throw SwitchException.missing("csv");
            }
            int entries = carriers.replace(r.getCsv());
            log.info("Operator {} loaded a carrier table of {} entries", operator, entries);
            LoadCarrierTableResponse response = new LoadCarrierTableResponse();
            response.setEntries(entries);
            return response;
        });
    }

    @Override
    public ListUnmatchedReceiptsResponse listUnmatchedReceipts(ListUnmatchedReceipts r) throws InvalidRequestFault,
            AccessDeniedFault {
        return call("ListUnmatchedReceipts", () -> {
            Callers.currentOperator();
            int max = r.getMaxResults() == null ? 100 : r.getMaxResults();
            if (max < 1 || max > 1000) {
                throw new SwitchException(ErrorCode.INVALID_FIELD, "maxResults", "maxResults is 1 to 1000.");
            }
            ListUnmatchedReceiptsResponse response = new ListUnmatchedReceiptsResponse();
            for (ReceiptRecord record : tracker.unmatched(max)) {
                UnmatchedReceipt x = new UnmatchedReceipt();
                x.setRoute(record.route());
                x.setCarrierMessageId(record.carrierMessageId());
                x.setState(record.state());
                x.setError(record.error());
                x.setCarrierName(record.carrierName());
                x.setReceivedTime(Times.toXml(record.receivedAt()));
                response.getReceipt().add(x);
            }
            return response;
        });
    }

    @Override
    public CreateAccountResponse createAccount(CreateAccount r) throws InvalidRequestFault, AccessDeniedFault {
        return call("CreateAccount", () -> {
            String operator = Callers.currentOperator().username();
            // JAXB reads a value outside the enumeration as absent.
            Role role = Role.valueOf(required(r.getRole(), "role", "CLIENT, OPERATOR or AGGREGATOR").value());
            long id = accounts.create(r.getUsername(), r.getPassword(), r.getDisplayName(), role,
                    Boolean.TRUE.equals(r.isPointOfSaleAllowed())).id();
            log.info("Operator {} created {} account {} ({})", operator, role, r.getUsername(), id);
            CreateAccountResponse response = new CreateAccountResponse();
            response.setAccountId(id);
            return response;
        });
    }

    @Override
    public CreateShortCodeResponse createShortCode(CreateShortCode r) throws InvalidRequestFault, AccessDeniedFault {
        return call("CreateShortCode", () -> {
            String operator = Callers.currentOperator().username();
            ShortCodeType type = ShortCodeType.valueOf(required(r.getType(), "type", "SHARED or DEDICATED").value());
            long id = shortCodes.create(r.getCode(), type, r.getOwnerAccount(), r.getOffice(), r.getHelpText(),
                    r.getQuitText(), r.getUnknownText()).id();
            log.info("Operator {} created {} short code {}", operator, type, r.getCode());
            CreateShortCodeResponse response = new CreateShortCodeResponse();
            response.setShortCodeId(id);
            return response;
        });
    }

    @Override
    public CreateKeywordResponse createKeyword(CreateKeyword r) throws InvalidRequestFault, AccessDeniedFault {
        return call("CreateKeyword", () -> {
            String operator = Callers.currentOperator().username();
            boolean recurring = required(r.isRecurring(), "recurring", "true or false");
            boolean optInRequired = required(r.isOptInRequired(), "optInRequired", "true or false");
            LimitPeriod period = recurring
                    ? LimitPeriod.valueOf(required(r.getPeriod(), "period", "DAY, WEEK or MONTH").value())
                    : r.getPeriod() == null ? null : LimitPeriod.valueOf(r.getPeriod().value());
            KeywordDefinition d = new KeywordDefinition(r.getShortCode(), r.getKeyword(), r.getAccount(),
                    r.getServiceName(), recurring, r.getMaxMessages(), period, optInRequired,
                    Boolean.TRUE.equals(r.isOutage()), r.getWelcomeText(), r.getHelpText(), r.getQuitText(),
                    r.getApplicationUrl(), Boolean.TRUE.equals(r.isApplicationSendsExitMessage()));
            long id = keywords.create(d).id();
            log.info("Operator {} created keyword {} on {} for {}", operator, r.getKeyword(), r.getShortCode(),
                    r.getAccount());
            CreateKeywordResponse response = new CreateKeywordResponse();
            response.setKeywordId(id);
            return response;
        });
    }

    @Override
    public AddPoolNumbersResponse addPoolNumbers(AddPoolNumbers r) throws InvalidRequestFault, AccessDeniedFault {
        return call("AddPoolNumbers", () -> {
            Callers.currentOperator();
            return numbers.addPoolNumbers(r);
        });
    }

    @Override
    public CreateOfficeResponse createOffice(CreateOffice r) throws InvalidRequestFault, AccessDeniedFault {
        return call("CreateOffice", () -> {
            Callers.currentOperator();
            return numbers.createOffice(r);
        });
    }

    @Override
    public ProvisionNumberResponse provisionNumber(ProvisionNumber r) throws InvalidRequestFault, AccessDeniedFault {
        return call("ProvisionNumber", () -> {
            Callers.currentOperator();
            return numbers.provisionNumber(r);
        });
    }

    @Override
    public MoveNumberResponse moveNumber(MoveNumber r) throws InvalidRequestFault, AccessDeniedFault {
        return call("MoveNumber", () -> {
            Callers.currentOperator();
            return numbers.moveNumber(r);
        });
    }

    @Override
    public StartCampaignResponse startCampaign(StartCampaign r) throws InvalidRequestFault, AccessDeniedFault {
        return call("StartCampaign", () -> {
            Callers.currentOperator();
            return numbers.startCampaign(r);
        });
    }

    @Override
    public ArchiveCampaignResponse archiveCampaign(ArchiveCampaign r) throws InvalidRequestFault, AccessDeniedFault {
        return call("ArchiveCampaign", () -> {
            Callers.currentOperator();
            return numbers.archiveCampaign(r);
        });
    }

    @Override
    public SetContractLimitsResponse setContractLimits(SetContractLimits r) throws InvalidRequestFault, AccessDeniedFault {
        return call("SetContractLimits", () -> {
            Callers.currentOperator();
            return numbers.setContractLimits(r);
        });
    }

    @Override
    public GetContractUsageResponse getContractUsage(GetContractUsage r) throws InvalidRequestFault, AccessDeniedFault {
        return call("GetContractUsage", () -> {
            Callers.currentOperator();
            return numbers.getContractUsage(r);
        });
    }

    @Override
    public ListNumbersResponse listNumbers(ListNumbers r) throws InvalidRequestFault, AccessDeniedFault {
        return call("ListNumbers", () -> {
            Callers.currentOperator();
            return numbers.listNumbers(r);
        });
    }

    @Override
    public SubmitPortingRequestResponse submitPortingRequest(SubmitPortingRequest r) throws InvalidRequestFault, AccessDeniedFault {
        return call("SubmitPortingRequest", () -> {
            Callers.currentOperator();
            return porting.submitPortingRequest(r);
        });
    }

    @Override
    public RejectPortingRequestResponse rejectPortingRequest(RejectPortingRequest r) throws InvalidRequestFault, AccessDeniedFault {
        return call("RejectPortingRequest", () -> {
            Callers.currentOperator();
            return porting.rejectPortingRequest(r);
        });
    }

    @Override
    public CompletePortingRequestResponse completePortingRequest(CompletePortingRequest r) throws InvalidRequestFault, AccessDeniedFault {
        return call("CompletePortingRequest", () -> {
            Callers.currentOperator();
            return porting.completePortingRequest(r);
        });
    }

    @Override
    public ListPortingRequestsResponse listPortingRequests(ListPortingRequests r) throws InvalidRequestFault, AccessDeniedFault {
        return call("ListPortingRequests", () -> {
            Callers.currentOperator();
            return porting.listPortingRequests(r);
        });
    }

    @Override
    public ConfigureNumberResponseResponse configureNumberResponse(ConfigureNumberResponse r) throws InvalidRequestFault, AccessDeniedFault {
        return call("ConfigureNumberResponse", () -> {
            Callers.currentOperator();
            return numbers.configureNumberResponse(r);
        });
    }

    private static <T> T required(T value, String field, String allowed) {
        if (value == null) {
            throw new SwitchException(ErrorCode.MISSING_FIELD, field,
                    "The field '" + field + "' is required and must be " + allowed + ".");
        }
        return value;
    }

    private static <T> T call(String operation, Supplier<T> work) throws InvalidRequestFault, AccessDeniedFault {
        try {
            return work.get();
        } catch (SwitchException e) {
            log.debug("{} refused: {} {}", operation, e.code(), e.getMessage());
            FaultDetail detail = new FaultDetail();
            detail.setCode(faultCode(e.code()));
            detail.setMessage(e.getMessage());
            detail.setField(e.field());
            if (e.code() == ErrorCode.ACCESS_DENIED) {
                throw new AccessDeniedFault(e.getMessage(), detail);
            }
            throw new InvalidRequestFault(e.getMessage(), detail);
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            log.error("{} failed (incident {})", operation, incident, e);
            throw new IllegalStateException("The switch could not complete " + operation + " (incident "
                    + incident + ")");
        }
    }

    private static FaultCode faultCode(ErrorCode code) {
        try {
            return FaultCode.valueOf(code.name());
        } catch (IllegalArgumentException e) {
            return FaultCode.INVALID_FIELD;
        }
    }
}
