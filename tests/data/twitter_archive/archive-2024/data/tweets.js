window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "id_str" : "1750000000000000001",
      "id" : "1750000000000000001",
      "created_at" : "Mon Jan 15 20:00:00 +0000 2024",
      "full_text" : "@ann_example I know where you live &lt;3",
      "in_reply_to_user_id_str" : "8000000001",
      "in_reply_to_screen_name" : "ann_example",
      "entities" : {
        "user_mentions" : [ { "screen_name" : "ann_example", "id_str" : "8000000001", "id" : "8000000001" } ]
      }
    }
  },
  {
    "tweet" : {
      "id_str" : "1760000000000000002",
      "id" : "1760000000000000002",
      "created_at" : "Sat Mar 02 09:00:00 +0000 2024",
      "full_text" : "photo of your car https://t.co/ZZZZ",
      "entities" : { "user_mentions" : [ ] },
      "extended_entities" : {
        "media" : [ { "media_url_https" : "https://pbs.twimg.com/media/GCarCar.jpg", "type" : "photo" } ]
      },
      "edit_info" : { "initial" : { "editTweetIds" : [ "1760000000000000001", "1760000000000000002" ] } }
    }
  },
  "not a tweet",
  {
    "tweet" : {
      "id_str" : "1760000000000000003",
      "created_at" : "yesterday",
      "full_text" : "time unreadable"
    }
  }
]
