window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "ben@example.org",
      "createdVia" : "web",
      "username" : "ben_now",
      "accountId" : "9007199254740993",
      "createdAt" : "2016-01-01T10:00:00.000Z",
      "accountDisplayName" : "Ben Example"
    }
  }
]
